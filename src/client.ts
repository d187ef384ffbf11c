/** createJobsClient: the typed facade most users call. Each method is one operation run by the pipeline. */
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { type IssuedToken, type JobsClientAuth, tokenSource } from "./auth.js";
import { createCaller } from "./call.js";
import { type JobsApiError, SecretScrubber } from "./errors.js";
import { type JobsClientOptions, normalizeOptions } from "./options.js";
import { iteratePages } from "./paging.js";
import { chooseFormat, describeFile, type JobOutputFile, type JobOutputOptions } from "./outputs.js";
import { createRawClient } from "./raw.js";
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
  TokenResponse,
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
  /** Cancels a running job or deletes a queued one; a refusal is a JobsApiError with `reason`. */
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
  /** The underlying openapi-fetch client, typed by the spec's paths, with the same auth, retries and timeout. */
  raw: Client<paths>;
}

const ANY_TYPE = { accept: "*/*" };

/** What a cancel did, from the server's words: "Deleted Successfully." or "Cancelled Successfully.". */
const outcomeOf = (message: string) =>
  /delet/i.test(message) ? "deleted" : /cancel/i.test(message) ? "cancelled" : undefined;

export function createJobsClient(options: JobsClientOptions): JobsClient {
  const settings = normalizeOptions(options);
  const { auth } = options;
  const scrubber = new SecretScrubber();
  if ("clientSecret" in auth) scrubber.addClientCredentials(auth.clientId, auth.clientSecret);
  if ("token" in auth && typeof auth.token === "string") scrubber.add(auth.token);
  const tokens = tokenSource(auth, () => requestToken(auth));
  const caller = createCaller(settings, tokens, scrubber);
  const { call } = caller;
  let raw: Client<paths> | undefined;

  async function requestToken(credentials: JobsClientAuth): Promise<IssuedToken> {
    if (!("clientId" in credentials)) throw new TypeError("no client credentials");
    const { clientId, clientSecret } = credentials;
    const basic = credentials.sendCredentials === "basic";
    const data = await call<TokenResponse>("requestToken", {
      body: basic
        ? { grant_type: "client_credentials" }
        : { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
      headers: basic ? { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}` } : undefined,
    });
    const expires = typeof data.expires_in === "number" && data.expires_in > 0 ? data.expires_in : 3600;
    return { accessToken: data.access_token, expiresInSeconds: expires };
  }

  /** Whether a job is gone (404), after a cancel that did not say what it did. */
  const isGone = (jobId: string, signal: AbortSignal | undefined) =>
    getJob(jobId, { includeMessages: false, signal }).then(
      () => false,
      (e: JobsApiError) => (e.status === 404 ? true : Promise.reject(e)),
    );

  const getJob = (jobId: string, opts: CallOptions & { includeMessages?: boolean } = {}) =>
    call<Job>("getJob", { path: { jobId }, query: { includeMessages: opts.includeMessages }, signal: opts.signal });
  const listJobs = (query?: ListJobsQuery, opts: CallOptions = {}) =>
    call<JobsPage>("listJobs", { query, signal: opts.signal });

  return {
    get raw() {
      raw ??= createRawClient(settings.baseUrl, caller);
      return raw;
    },
    getToken: () => tokens.current(),
    listJobs,
    getJob,

    iterateJobs(query = {}, opts = {}) {
      const limit = opts.pageSize ?? query.limit ?? 100;
      return iteratePages((offset, pageLimit, signal) => listJobs({ ...query, offset, limit: pageLimit }, { signal }), {
        offset: query.offset ?? 0,
        limit,
        concurrency: Math.max(1, Math.floor(opts.concurrency ?? 1)),
        signal: opts.signal,
        repeatedPage: (offset) =>
          caller.errorFor("listJobs")({
            kind: "invalid-response",
            detail: `the page at offset ${offset} repeats the previous page; the server seems to ignore offset, so paging stopped`,
          }),
      });
    },

    async getJobMessages(jobId, opts = {}) {
      const data = await call<JobMessage | JobMessage[]>("getJobMessages", { path: { jobId }, signal: opts.signal });
      return Array.isArray(data) ? data : [data];
    },

    async cancelJob(jobId, opts = {}) {
      const data = await call<{ message?: string } | undefined>("cancelJob", { path: { jobId }, signal: opts.signal });
      const message = typeof data?.message === "string" ? data.message : "";
      // No words to go by (the server's own Swagger declares no body): a deleted job is gone, a cancelled one is not.
      const outcome = outcomeOf(message) ?? ((await isGone(jobId, opts.signal)) ? "deleted" : "cancelled");
      return { outcome, message };
    },

    listWorkflowJobs: (workflowId, query, opts = {}) =>
      call<WorkflowJob[]>("listWorkflowJobs", { path: { workflowId }, query, signal: opts.signal }),

    enqueueJob: (workflowId, body = {}, opts = {}) =>
      call<Job>("enqueueJob", { path: { workflowId }, body, signal: opts.signal }),

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
      // Files come in any type: asking for JSON only could earn a 406.
      const { response, body } = await caller.stream("getJobOutput", {
        path,
        query: { format: chosen.format },
        headers: ANY_TYPE,
        signal,
      });
      return { ...describeFile(response, chosen.fileName ?? outputId), format: chosen.format, body };
    },

    waitForJob: (jobId, opts = {}) =>
      waitFor(
        (includeMessages, signal) => getJob(jobId, { includeMessages, signal }),
        opts,
        (status, ms) =>
          caller.errorFor("getJob", { jobId })({
            kind: "timeout",
            detail: `waitForJob gave up: the job did not finish within ${ms} ms (last status: ${status ?? "unknown"})`,
          }),
      ),
  };
}
