/**
 * What the server's words about a job mean: its `status` ("Queued", "Running", "Completed"; the filters say
 * "Complete") and its `disposition` ("Success", "Warning", "Error", "Cancelled"). One reading, in any letter case
 * and either spelling of cancelled, for the client, the command line and anyone who shows a job.
 */

export type JobState = "queued" | "running" | "completed" | "succeeded" | "warning" | "failed" | "cancelled";

const STATES: Record<string, JobState> = {
  created: "queued",
  queued: "queued",
  initializing: "running",
  running: "running",
  complete: "completed",
  completed: "completed",
  success: "succeeded",
  warning: "warning",
  error: "failed",
  failed: "failed",
  cancelled: "cancelled",
  canceled: "cancelled",
};

/** The state a status or disposition names, or undefined for a word it does not know (or none). */
export function jobState(word: string | null | undefined): JobState | undefined {
  return word ? STATES[word.toLowerCase()] : undefined;
}

type Words = { status: string; disposition?: string | null | undefined };

/** Whether a job ended badly: cancelled, or its disposition says Error or Cancelled. A failed run ends "Completed". */
export function hasFailed(job: Words): boolean {
  const ended = jobState(job.disposition);
  return jobState(job.status) === "cancelled" || ended === "failed" || ended === "cancelled";
}

/** Whether a job has reached its end: Completed or Cancelled, or a failure shows in its disposition. */
export function isFinished(job: Words): boolean {
  const state = jobState(job.status);
  return state === "completed" || state === "failed" || hasFailed(job);
}
