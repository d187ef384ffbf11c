/** What can be done to the job table: queue a run of a workflow, and cancel or delete a job. */
import type { SimContext } from "./context.js";
import type { EnqueueRequest } from "./enqueue-body.js";
import { isCurator } from "./job-queries.js";
import { DISPOSITION, STATUS, priorityCodeOfName, type DispositionCode } from "./vocabulary.js";

/** How a queued run ends: asked to fail or warn through its questions, else a success. */
function outcomeOf(questions: { name: string; value: string }[]): DispositionCode {
  const answer = (name: string) => questions.some((q) => q.name === name && q.value.toLowerCase() === "true");
  if (answer("fail")) return DISPOSITION.Error;
  if (answer("warn")) return DISPOSITION.Warning;
  return DISPOSITION.Success;
}

/** Queues a run of `workflow` for `user` at simulated time `now`; returns the new job's slot. */
export function enqueueJob(
  ctx: SimContext,
  workflow: number,
  user: number,
  request: EnqueueRequest,
  now: number,
): number {
  const { workerTag, credentialId, questions, priority } = request;
  return ctx.data.jobs.appendLive(
    now,
    { workflow, user, priority: priorityCodeOfName(priority), outcome: outcomeOf(questions) },
    { workerTag, credentialId, questions },
  );
}

export type CancelOutcome = "deleted" | "cancelled" | "not-permitted" | "not-cancellable";

/**
 * Stops job `i` for `user`: a queued job is deleted, an initializing or running one cancelled. An
 * Artisan may stop only their own jobs (checked before the state).
 */
export function cancelJob(ctx: SimContext, i: number, user: number, now: number): CancelOutcome {
  const { jobs } = ctx.data;
  if (!isCurator(ctx, user) && jobs.user[i] !== user) return "not-permitted";
  const status = jobs.statusAt(i, now);
  if (status === STATUS.Queued) {
    jobs.remove(i);
    return "deleted";
  }
  if (status === STATUS.Initializing || status === STATUS.Running) {
    jobs.cancel(i, now);
    return "cancelled";
  }
  return "not-cancellable";
}
