/** Friendly names for the spec's types, and the shapes of the client's methods. */
import type { components, paths } from "../generated/schema.js";

type Schemas = components["schemas"];
export type Job = Schemas["Job"];
export type JobSummary = Schemas["JobSummary"];
export type JobsPage = Schemas["JobsPage"];
export type PaginationInfo = Schemas["PaginationInfo"];
export type JobMessage = Schemas["JobMessage"];
export type JobOutput = Schemas["JobOutput"];
export type WorkflowJob = Schemas["WorkflowJob"];
export type EnqueueJobRequest = Schemas["EnqueueJobRequest"];
export type AppValue = Schemas["AppValue"];
export type TokenResponse = Schemas["TokenResponse"];

/** A calendar day: "yyyy-MM-dd", or a Date (sent as its UTC day). */
export type CalendarDay = string | Date;
type WithDays<Q, K extends keyof Q> = Omit<Q, K> & { [P in K]?: CalendarDay };

export type ListJobsQuery = WithDays<
  NonNullable<paths["/v3/jobs"]["get"]["parameters"]["query"]>,
  "completedBefore" | "completedAfter"
>;
export type ListWorkflowJobsQuery = NonNullable<paths["/v3/workflows/{workflowId}/jobs"]["get"]["parameters"]["query"]>;

/** Options every call takes. */
export interface CallOptions {
  /** Cancels the call (and its retries); the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface CancelResult {
  /** "cancelled" for a job that was running, "deleted" for one that was still queued. */
  outcome: "cancelled" | "deleted";
  /** The server's words, e.g. "Cancelled Successfully.". */
  message: string;
}

export interface IterateOptions extends CallOptions {
  /** Jobs per request (the `limit`). Default: the query's `limit`, else 100. */
  pageSize?: number;
  /** Pages fetched at once once the total is known. Default 1; jobs are still yielded in order. */
  concurrency?: number;
}

export interface WaitOptions extends CallOptions {
  /** Give up after this long with a JobsApiError of kind "timeout". Default 15 minutes. */
  timeoutMs?: number;
  /** The first wait between polls. Default 1,000 ms; it grows by half each poll. */
  initialIntervalMs?: number;
  /** The longest wait between polls. Default 10,000 ms. */
  maxIntervalMs?: number;
  /** Called with the job after every poll. */
  onPoll?: (job: Job) => void;
}
