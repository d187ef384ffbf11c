/** Friendly names for the spec's types, and the shapes of the client's methods. */
import type { components, paths } from "../generated/schema.js";

type Schemas = components["schemas"];

/**
 * A string a server may send: the known values complete in editors, and any other string is still accepted
 * (`string & {}` keeps the known literals from collapsing into plain `string`).
 */
export type OpenString<Known extends string> = Known | (string & {});

/**
 * A job's state in a response (`GET /v3/jobs`, `GET /v3/jobs/{jobId}`). Responses say `"Completed"`; the
 * `statuses` filter says `"Complete"`, which is not among these. A failed run still ends `"Completed"`.
 */
export type JobStatus = OpenString<"Queued" | "Initializing" | "Running" | "Completed" | "Cancelled">;
/** A job's state on a workflow's job list (`GET /v3/workflows/{workflowId}/jobs`), as the server's Swagger lists it. */
export type WorkflowJobStatus = OpenString<"Created" | "Queued" | "Running" | "Completed" | "Cancelled">;
/** How a finished job ended; unfinished jobs have `null`, nothing, `""` or a placeholder such as `"None"`. */
export type JobDisposition = OpenString<"Success" | "Warning" | "Error" | "Cancelled">;
/** A job's priority by name; a job summary may also carry a number as a string (`"6"`). */
export type JobPriority = OpenString<"Default" | "Low" | "Medium" | "High" | "Critical">;

/** T with some properties' types replaced, each keeping its optionality (a homomorphic mapped type). */
type Refine<T, R extends Partial<Record<keyof T, unknown>>> = { [K in keyof T]: K extends keyof R ? R[K] : T[K] };

export type Job = Refine<
  Schemas["Job"],
  { status: JobStatus; disposition: JobDisposition | null; priority: JobPriority }
>;
export type JobSummary = Refine<Schemas["JobSummary"], { status: JobStatus; priority: JobPriority }>;
export type JobsPage = Refine<Schemas["JobsPage"], { data: JobSummary[] }>;
export type PaginationInfo = Schemas["PaginationInfo"];
export type JobMessage = Schemas["JobMessage"];
export type JobOutput = Schemas["JobOutput"];
export type WorkflowJob = Refine<Schemas["WorkflowJob"], { status: WorkflowJobStatus; priority: JobPriority | null }>;
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

/** Why a cancel was refused (`JobsApiError.reason`): the job is not Queued or Running, or the caller may not. */
export type JobsApiErrorReason = "not-cancellable" | "not-permitted";

export interface CancelResult {
  /**
   * "cancelled" for a job that was running, "deleted" for one that was still queued; "accepted" when the server
   * accepted the cancel without saying which, and the job could not be read to learn it.
   */
  outcome: "cancelled" | "deleted" | "accepted";
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
