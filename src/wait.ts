/** Polls a job until it has finished, with backoff, a deadline and the caller's signal. */
import type { ErrorFactory } from "./errors.js";
import { isFinished } from "./job-state.js";
import { checkedNumber, DELAY, TIME_LIMIT } from "./options.js";
import type { Job, WaitOptions } from "./types.js";
import { linkedSignal, sleep, startTimer } from "./timing.js";

export type GetJob = (includeMessages: boolean, signal: AbortSignal) => Promise<Job>;

class Deadline extends Error {}

/** The waiting options, each checked: a wrong one is an "invalid-request" error before the first poll. */
function limits(options: WaitOptions, fail: ErrorFactory) {
  try {
    return {
      timeoutMs: checkedNumber("timeoutMs", options.timeoutMs ?? 15 * 60_000, TIME_LIMIT),
      initialIntervalMs: checkedNumber("initialIntervalMs", options.initialIntervalMs ?? 1_000, DELAY),
      maxIntervalMs: checkedNumber("maxIntervalMs", options.maxIntervalMs ?? 10_000, DELAY),
    };
  } catch (error) {
    throw fail({ kind: "invalid-request", detail: `waitForJob: ${(error as Error).message}; nothing was sent` });
  }
}

export async function waitFor(getJob: GetJob, options: WaitOptions, fail: ErrorFactory): Promise<Job> {
  const { timeoutMs, initialIntervalMs, maxIntervalMs: maxInterval } = limits(options, fail);
  let interval = Math.min(initialIntervalMs, maxInterval);
  const deadline = new AbortController();
  const stopTimer = startTimer(timeoutMs, () => deadline.abort(new Deadline()));
  const signal = linkedSignal(deadline, options.signal);
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
    if (deadline.signal.aborted && !options.signal?.aborted) {
      const detail = `waitForJob gave up: the job did not finish within ${timeoutMs} ms (last status: ${last?.status ?? "unknown"})`;
      throw fail({ kind: "timeout", detail });
    }
    throw error;
  } finally {
    stopTimer();
  }
}
