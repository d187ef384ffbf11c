/** createJobsClient: the typed facade most users call. Each method is one operation run by the pipeline. */
import { type IssuedToken, type JobsClientAuth, tokenSource } from "./auth.js";
import { createCaller, type ReasonOf } from "./call.js";
import { JobsApiError, SecretScrubber, serverMessageOf } from "./errors.js";
import type { InputOf, OkOf, OperationId } from "./operation-types.js";
import { type JobsClientOptions, normalizeOptions } from "./options.js";
import { iteratePages } from "./paging.js";
import { chooseFormat, describeFile, type JobOutputFile, type JobOutputOptions } from "./outputs.js";
import type {
  CallOptions,
  CancelResult,
  EnqueueJobRequest,
  IterateOptions,
  Job,
  JobMessage,
  JobsPage,
  JobSummary,
  ListJobsQuery,
  ListWorkflowJobsQuery,
  WaitOptions,
  WorkflowJob,
} from "./types.js";
import { waitFor } from "./wait.js";

export type { JobsClientOptions } from "./options.js";

export interface JobsClient {
  /** One page of the job queue (Curators only). */
  listJobs(query?: ListJobsQuery, options?: CallOptions): Promise<JobsPage>;
  /** Every job of every page, in order, each once. */
  iterateJobs(query?: ListJobsQuery, options?: IterateOptions): AsyncIterable<JobSummary>;
  getJob(jobId: string, options?: CallOptions & { includeMessages?: boolean }): Promise<Job>;
  /** Always an array, whether the server sends one message object or many. */
  getJobMessages(jobId: string, options?: CallOptions): Promise<JobMessage[]>;
  /**
   * Cancels a running job or deletes a queued one; a refusal is a JobsApiError with `reason`. Once the server has
   * accepted the cancel, the call resolves: with "accepted" when it cannot tell which of the two happened.
   */
  cancelJob(jobId: string, options?: CallOptions): Promise<CancelResult>;
  listWorkflowJobs(workflowId: string, query?: ListWorkflowJobsQuery, options?: CallOptions): Promise<WorkflowJob[]>;
  enqueueJob(workflowId: string, body?: EnqueueJobRequest, options?: CallOptions): Promise<Job>;
  /**
   * One output file of a job, as a stream: resolves when the headers arrive. Without `format`, the output's first
   * available format (the job is read to learn it). `timeoutMs` bounds the wait for the headers and for each chunk.
   */
  getJobOutput(jobId: string, outputId: string, options?: JobOutputOptions): Promise<JobOutputFile>;
  /** Polls until the job has finished and resolves with it, messages included. */
  waitForJob(jobId: string, options?: WaitOptions): Promise<Job>;
  /** The bearer token the client would send now (fetched or renewed as needed). */
  getToken(): Promise<string>;
  /**
   * Any operation of the spec by its operationId, typed by the spec: `request("getJob", { path: { jobId } })`.
   * Same auth, retries, timeout and errors as every method; an operation whose answer is a file resolves with
   * `{ response, body }` as soon as its headers arrive.
   */
  request<K extends OperationId>(operationId: K, input: InputOf<K>): Promise<OkOf<K>>;
}

/** What a cancel did, from the server's words: "Deleted Successfully." or "Cancelled Successfully.". */
const outcomeOf = (message: string) =>
  /delet/i.test(message) ? "deleted" : /cancel/i.test(message) ? "cancelled" : undefined;

/** A refused cancel says why in words only; "not-cancellable" and "not-permitted" let callers branch on it. */
const cancelRefusal: ReasonOf = (status, serverMessage) =>
  status !== 400
    ? undefined
    : /permission/i.test(serverMessage)
      ? "not-permitted"
      : /state/i.test(serverMessage)
        ? "not-cancellable"
        : undefined;

export function createJobsClient(options: JobsClientOptions): JobsClient {
  const settings = normalizeOptions(options);
  const { auth } = options;
  const scrubber = new SecretScrubber();
  if ("clientSecret" in auth) scrubber.addClientCredentials(auth.clientId, auth.clientSecret);
  if ("token" in auth && typeof auth.token === "string") scrubber.add(auth.token);
  const tokens = tokenSource(auth, () => requestToken(auth));
  const caller = createCaller(settings, tokens, scrubber);
  const { call } = caller;

  async function requestToken(credentials: JobsClientAuth): Promise<IssuedToken> {
    if (!("clientId" in credentials)) throw new TypeError("no client credentials");
    const { clientId, clientSecret } = credentials;
    const basic = credentials.sendCredentials === "basic";
    const data = await call("requestToken", {
      body: basic
        ? { grant_type: "client_credentials" }
        : { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
      headers: basic ? { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}` } : undefined,
    });
    const expires = typeof data.expires_in === "number" && data.expires_in > 0 ? data.expires_in : 3600;
    return { accessToken: data.access_token, expiresInSeconds: expires };
  }

  /**
   * What a cancel that did not say what it did has done: a deleted job is gone (404), a cancelled one is not. The
   * DELETE has succeeded already, so a read that fails cannot undo it: the outcome is then "accepted".
   */
  const outcomeAfter = (jobId: string, signal: AbortSignal | undefined) =>
    getJob(jobId, { includeMessages: false, signal }).then(
      () => "cancelled" as const,
      (e: unknown) => (e instanceof JobsApiError && e.status === 404 ? "deleted" : "accepted"),
    );

  const getJob = (jobId: string, opts: CallOptions & { includeMessages?: boolean } = {}): Promise<Job> =>
    call("getJob", { path: { jobId }, query: { includeMessages: opts.includeMessages }, signal: opts.signal });
  const listJobs = (query?: ListJobsQuery, opts: CallOptions = {}): Promise<JobsPage> =>
    call("listJobs", { query, signal: opts.signal });

  return {
    request: (operationId, input) => call(operationId, input),
    getToken: () => tokens.current(),
    listJobs,
    getJob,

    async *iterateJobs(query = {}, opts = {}) {
      const limit = opts.pageSize ?? query.limit ?? 100;
      const start = query.offset ?? 0;
      const fail = caller.errorFor("listJobs");
      // The walk steps by the page size: the spec leaves limit and offset to the server, the walk cannot.
      if (!(Number.isInteger(limit) && limit >= 1 && Number.isInteger(start) && start >= 0)) {
        const detail =
          "iterateJobs pages by a whole pageSize (or limit) of at least 1 from a whole offset of at least 0, " +
          `got ${limit} and ${start}; nothing was sent`;
        throw fail({ kind: "invalid-request", detail });
      }
      yield* iteratePages((offset, pageLimit, signal) => listJobs({ ...query, offset, limit: pageLimit }, { signal }), {
        offset: start,
        limit,
        concurrency: Math.max(1, Math.floor(opts.concurrency ?? 1)),
        signal: opts.signal,
        repeatedPage: (offset) =>
          fail({
            kind: "invalid-response",
            detail:
              `the page at offset ${offset} repeats the previous page; ` +
              "the server seems to ignore offset, so paging stopped",
          }),
      });
    },

    async getJobMessages(jobId, opts = {}) {
      const data: JobMessage | JobMessage[] = await call("getJobMessages", { path: { jobId }, signal: opts.signal });
      return Array.isArray(data) ? data : [data];
    },

    async cancelJob(jobId, opts = {}) {
      // The spec declares no body (the server's Swagger has none); the help page's servers say what they did in
      // a { message }, which is read when it comes. An empty 200 decodes to undefined.
      const data: unknown = await call("cancelJob", { path: { jobId }, signal: opts.signal }, cancelRefusal);
      const message = serverMessageOf(data) ?? "";
      return { outcome: outcomeOf(message) ?? (await outcomeAfter(jobId, opts.signal)), message };
    },

    listWorkflowJobs: (workflowId, query, opts = {}): Promise<WorkflowJob[]> =>
      call("listWorkflowJobs", { path: { workflowId }, query, signal: opts.signal }),

    enqueueJob: (workflowId, body = {}, opts = {}): Promise<Job> =>
      call("enqueueJob", { path: { workflowId }, body, signal: opts.signal }),

    async getJobOutput(jobId, outputId, { format, signal } = {}) {
      const path = { jobId, outputId };
      const chosen =
        format === undefined
          ? chooseFormat(await getJob(jobId, { includeMessages: false, signal }), outputId)
          : { format };
      if ("problem" in chosen) {
        throw caller.errorFor(
          "getJobOutput",
          path,
        )({ kind: "invalid-request", detail: `${chosen.problem}; the output was not requested` });
      }
      const { response, body } = await call("getJobOutput", { path, query: { format: chosen.format }, signal });
      return { ...describeFile(response, chosen.fileName ?? outputId), format: chosen.format, body };
    },

    waitForJob: (jobId, opts = {}) =>
      waitFor(
        (includeMessages, signal) => getJob(jobId, { includeMessages, signal }),
        opts,
        caller.errorFor("getJob", { jobId }),
      ),
  };
}
