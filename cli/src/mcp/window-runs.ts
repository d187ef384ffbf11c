/**
 * The runs of a window, read the way `alteryx-jobs stats` reads them (commands/stats.ts): every job that completed
 * in the window, then each one's disposition. Kept free of the terminal so the MCP server can report progress its
 * own way; the figures come from the same computeStats.
 */
import type { JobsClient } from "alteryx-jobs-api";
import { endedAt, type Run } from "../stats/compute.js";
import { utcDay } from "../values.js";

export interface CollectOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | undefined, message: string) => void;
}

export async function collectRuns(
  client: JobsClient,
  since: Date,
  until: Date,
  { concurrency = 4, signal, onProgress }: CollectOptions = {},
): Promise<Run[]> {
  // The API filters by whole UTC days (completedBefore excludes its day); the exact window is applied here.
  const query = {
    completedAfter: utcDay(since),
    completedBefore: utcDay(new Date(until.getTime() + 86_400_000)),
    allUsers: true,
  };
  const runs: Run[] = [];
  for await (const job of client.iterateJobs(query, { pageSize: 1000, concurrency, ...(signal ? { signal } : {}) })) {
    const end = endedAt(job);
    if (Number.isFinite(end) && (end < since.getTime() || end >= until.getTime())) continue;
    // A cancelled run's disposition is known without asking.
    runs.push({ job, disposition: /^Cancell?ed$/i.test(job.status) ? "Cancelled" : "" });
  }
  // The list has no disposition: read each remaining job, without messages, a few at a time.
  const pending = runs.filter((r) => r.disposition === "");
  const total = pending.length;
  let done = 0;
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const job = await client.getJob(next.job.jobId, { includeMessages: false, ...(signal ? { signal } : {}) });
      next.disposition = job.disposition ?? "None";
      if (++done % 20 === 0) onProgress?.(done, total, `reading outcomes… ${done} of ${total}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return runs;
}
