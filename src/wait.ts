/** Polls a job until it has finished, with backoff, a deadline and the caller's signal. */
import type { Job, WaitOptions } from "./types.js";
import { sleep } from "./timing.js";

const FINISHED_STATUSES = new Set(["Completed", "Complete", "Cancelled", "Canceled", "Error", "Failed"]);
const FAILED_DISPOSITIONS = new Set(["Error", "Cancelled", "Canceled", "Failed"]);

/** Whether a job has reached its end: Completed or Cancelled, or a failure shows in its disposition. */
export function isFinished(job: Pick<Job, "status" | "disposition">): boolean {
  return FINISHED_STATUSES.has(job.status) || FAILED_DISPOSITIONS.has(job.disposition ?? "");
}

export type GetJob = (includeMessages: boolean, signal: AbortSignal) => Promise<Job>;

class Deadline extends Error {}

export async function waitFor(
  getJob: GetJob,
  options: WaitOptions,
  timedOut: (lastStatus: string | undefined, ms: number) => Error,
): Promise<Job> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const maxInterval = options.maxIntervalMs ?? 10_000;
  let interval = Math.min(options.initialIntervalMs ?? 1_000, maxInterval);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Deadline()), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  let last: Job | undefined;
  try {
    for (;;) {
      last = await getJob(false, signal);
      options.onPoll?.(last);
      if (isFinished(last)) return await getJob(true, signal);
      // Jitter only shortens the wait, so completion is noticed within maxIntervalMs.
      await sleep(interval * (0.85 + 0.15 * Math.random()), signal);
      interval = Math.min(maxInterval, interval * 1.5);
    }
  } catch (error) {
    if (deadline.signal.aborted && !options.signal?.aborted) throw timedOut(last?.status, timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
