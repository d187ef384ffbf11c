/** createJobsClient: the typed facade over openapi-fetch that most users call. */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { type IssuedToken, type JobsClientAuth, tokenSource } from "./auth.js";
import { type JobsApiError, SecretScrubber, serverMessageOf } from "./errors.js";
import { iteratePages } from "./paging.js";
import { checkedParams, type OperationId, operations, pathSerializer, toQueryString } from "./params.js";
import { PlainRequest } from "./http-objects.js";
import { createTransport, type RetryOptions } from "./transport.js";
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
import type { ResponseValidator } from "./validate.js";
import { waitFor } from "./wait.js";

export interface JobsClientOptions {
  /** The server's API root, e.g. "https://alteryx.example.com/webapi" (the Prism mock: "http://127.0.0.1:4010"). */
  baseUrl: string;
  auth: JobsClientAuth;
  /** A fetch to use instead of the global one: an undici fetch with a custom CA, a test double, a proxy. */
  fetch?: typeof globalThis.fetch;
  /** Time for one HTTP exchange, body included. Default 30,000 ms. */
  timeoutMs?: number;
  /** Retries of GET and token requests on network errors, 429, 502, 503, 504; a number is the retry count. */
  retry?: number | RetryOptions;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Check every response body against the spec: pass `responseValidator()` from "alteryx-jobs-api/validate". */
  validateResponses?: ResponseValidator;
  /** Larger bodies are refused with a JobsApiError instead of being held in memory. Default 16 MiB. */
  maxResponseBytes?: number;
  /**
   * Check parameters against the spec before sending (default true). Turn it off to let the server judge
   * values the spec does not know yet; its 400 then arrives as a JobsApiError.
   */
  checkRequests?: boolean;
  /** Receives one line per HTTP exchange (method, path, status, time), never headers or secrets. */
  debug?: (line: string) => void;
}

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
  /** Polls until the job has finished and resolves with it, messages included. */
  waitForJob(jobId: string, options?: WaitOptions): Promise<Job>;
  /** The bearer token the client would send now (fetched or renewed as needed). */
  getToken(): Promise<string>;
  /** The underlying openapi-fetch client, typed by the spec's paths, with the same auth, retries and timeout. */
  raw: Client<paths>;
}

type Shape = (data: unknown) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isJob: Shape = (v) => isObject(v) && typeof v.id === "string" && typeof v.status === "string";
/** What the client itself relies on in each 2xx body; the full check is `validateResponses`. */
const EXPECTED: Record<OperationId, [Shape, string]> = {
  listJobs: [(v) => isObject(v) && Array.isArray(v.data) && isObject(v.pagination) && v.data.every((j) => isObject(j) && typeof j.jobId === "string"), "{ data: [{ jobId, ... }], pagination: {...} }"],
  getJob: [isJob, "a job with id and status"],
  enqueueJob: [isJob, "a job with id and status"],
  getJobMessages: [(v) => Array.isArray(v) || isObject(v), "a message or an array of messages"],
  cancelJob: [(v) => v === undefined || isObject(v), "{ message }"],
  listWorkflowJobs: [Array.isArray, "an array of jobs"],
  requestToken: [(v) => isObject(v) && typeof v.access_token === "string" && v.access_token !== "", "{ access_token, token_type, expires_in }"],
};

export function createJobsClient(options: JobsClientOptions): JobsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/i.test(baseUrl)) throw new TypeError(`baseUrl must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
  const scrubber = new SecretScrubber();
  const auth = options.auth;
  if ("clientSecret" in auth) scrubber.addClientCredentials(auth.clientId, auth.clientSecret);
  if ("token" in auth && typeof auth.token === "string") scrubber.add(auth.token);
  const retry = typeof options.retry === "number" ? { retries: options.retry } : (options.retry ?? {});

  const tokens = tokenSource(auth, requestToken);
  const strict = options.checkRequests ?? true;
  const params = (operationId: OperationId, location: "query" | "path", given: object | undefined) => checkedParams(operationId, location, given, strict);
  const raw = createClient<paths>({
    baseUrl,
    // A lighter request object than Request for the transport to read (see PlainRequest).
    Request: PlainRequest as unknown as typeof Request,
    fetch: createTransport({
      baseUrl,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { retries: 2, baseDelayMs: 300, maxDelayMs: 5_000, maxRetryAfterMs: 30_000, ...retry },
      maxResponseBytes: options.maxResponseBytes ?? 16 * 1024 * 1024,
      tokens: () => tokens,
      scrubber,
      headers: options.headers ?? {},
      debug: options.debug,
    }),
    querySerializer: (query) => toQueryString(query as Record<string, unknown>),
    pathSerializer: (template, params) => pathSerializer(template, params as Record<string, unknown>),
  });

  /** Turns openapi-fetch's { data, error, response } into the data, or a JobsApiError. */
  async function settle<T>(operationId: OperationId, call: Promise<{ data?: unknown; error?: unknown; response: Response }>, pathParams?: Record<string, unknown>): Promise<T> {
    const { data, error, response } = await call;
    const { method, path } = operations[operationId];
    const apiPath = pathSerializer(path, pathParams);
    if (!response.ok) throw httpError(operationId, method, apiPath, response, error);
    const [expected, description] = EXPECTED[operationId];
    // The full check, when asked for, names each violation with its JSON path; else the client's own minimum.
    const violations = (options.validateResponses?.(operationId, response.status, data) ?? []).map((v) => `${v.path} ${v.message}`);
    const problems = violations.length > 0 || expected(data) ? violations : [`expected ${description}`];
    if (problems.length > 0) {
      throw scrubber.error({
        kind: "invalid-response",
        message: `${operationId} (${method} ${apiPath}): the ${response.status} response does not match the spec: ${problems.slice(0, 5).join("; ")}`,
        operationId, method, path: apiPath, status: response.status, body: data,
      });
    }
    return data as T;
  }

  function httpError(operationId: OperationId, method: string, path: string, response: Response, error: unknown): JobsApiError {
    // Scrubbed before it is cut short, so that no cut leaves part of a secret behind.
    const body = typeof error === "string" ? scrubber.scrub(error) : error;
    const serverMessage = serverMessageOf(body);
    const violations = mockViolations(response);
    const reason = operationId === "cancelJob" && response.status === 400 && serverMessage
      ? (/permission/i.test(serverMessage) ? "not-permitted" : /state/i.test(serverMessage) ? "not-cancellable" : undefined)
      : undefined;
    const words = [serverMessage, violations].filter(Boolean).join(" ");
    return scrubber.error({
      kind: "http",
      message: `${operationId} (${method} ${path}) failed with ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${words ? `: ${words}` : ""}`,
      operationId, method, path, status: response.status, serverMessage, body: typeof body === "string" ? body.slice(0, 2000) : body, reason,
    });
  }

  async function requestToken(): Promise<IssuedToken> {
    if (!("clientId" in auth)) throw new TypeError("no client credentials");
    const basic = auth.sendCredentials === "basic";
    const form: Record<string, string> = basic ? { grant_type: "client_credentials" } : { grant_type: "client_credentials", client_id: auth.clientId, client_secret: auth.clientSecret };
    const data = await settle<{ access_token: string; expires_in?: unknown }>("requestToken", raw.POST("/oauth2/token", {
      body: form as { grant_type: "client_credentials" },
      bodySerializer: (b) => new URLSearchParams(b as Record<string, string>).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(basic ? { authorization: `Basic ${btoa(`${auth.clientId}:${auth.clientSecret}`)}` } : {}),
      },
    }));
    scrubber.add(data.access_token);
    const expires = typeof data.expires_in === "number" && data.expires_in > 0 ? data.expires_in : 3600;
    return { accessToken: data.access_token, expiresInSeconds: expires };
  }

  const getJob = async (jobId: string, opts: CallOptions & { includeMessages?: boolean } = {}) => {
    const query = params("getJob", "query", opts.includeMessages === undefined ? {} : { includeMessages: opts.includeMessages });
    const path = params("getJob", "path", { jobId }) as { jobId: string };
    return settle<Job>("getJob", raw.GET("/v3/jobs/{jobId}", { params: { path, query }, signal: opts.signal }), path);
  };

  const listJobs = async (query?: ListJobsQuery, opts: CallOptions = {}) =>
    settle<JobsPage>("listJobs", raw.GET("/v3/jobs", { params: { query: params("listJobs", "query", query) }, signal: opts.signal }));

  return {
    raw,
    getToken: () => tokens.current(),
    listJobs,
    getJob,

    async *iterateJobs(query = {}, opts = {}) {
      const limit = opts.pageSize ?? query.limit ?? 100;
      const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
      params("listJobs", "query", { ...query, limit }); // refuse bad input before the first page
      yield* iteratePages((offset, pageLimit, signal) => listJobs({ ...query, offset, limit: pageLimit }, { signal }), {
        offset: query.offset ?? 0, limit, concurrency, signal: opts.signal,
        repeatedPage: (offset) => scrubber.error({
          kind: "invalid-response", operationId: "listJobs", method: "GET", path: "/v3/jobs",
          message: `listJobs (GET /v3/jobs): the page at offset ${offset} repeats the previous page; the server seems to ignore offset, so paging stopped`,
        }),
      });
    },

    async getJobMessages(jobId, opts = {}) {
      const path = params("getJobMessages", "path", { jobId }) as { jobId: string };
      const data = await settle<JobMessage | JobMessage[]>("getJobMessages", raw.GET("/v3/jobs/{jobId}/messages", { params: { path }, signal: opts.signal }), path);
      return Array.isArray(data) ? data : [data];
    },

    async cancelJob(jobId, opts = {}) {
      const path = params("cancelJob", "path", { jobId }) as { jobId: string };
      const data = await settle<{ message?: string } | undefined>("cancelJob", raw.DELETE("/v3/jobs/{jobId}", { params: { path }, signal: opts.signal }), path);
      const message = typeof data?.message === "string" ? data.message : "";
      if (/delet/i.test(message)) return { outcome: "deleted", message };
      if (/cancel/i.test(message)) return { outcome: "cancelled", message };
      // No body (as the server's own Swagger declares): a deleted job is gone, a cancelled one is still there.
      const gone = await getJob(jobId, { includeMessages: false, ...opts }).then(() => false, (e: JobsApiError) => (e.status === 404 ? true : Promise.reject(e)));
      return { outcome: gone ? "deleted" : "cancelled", message };
    },

    async listWorkflowJobs(workflowId, query, opts = {}) {
      const path = params("listWorkflowJobs", "path", { workflowId }) as { workflowId: string };
      return settle<WorkflowJob[]>("listWorkflowJobs", raw.GET("/v3/workflows/{workflowId}/jobs", { params: { path, query: params("listWorkflowJobs", "query", query) }, signal: opts.signal }), path);
    },

    async enqueueJob(workflowId, body = {}, opts = {}) {
      const path = params("enqueueJob", "path", { workflowId }) as { workflowId: string };
      return settle<Job>("enqueueJob", raw.POST("/v3/workflows/{workflowId}/jobs", { params: { path }, body, signal: opts.signal }), path);
    },

    async waitForJob(jobId, opts = {}) {
      params("getJob", "path", { jobId });
      return waitFor((includeMessages, signal) => getJob(jobId, { includeMessages, signal }), opts, (status, ms) =>
        scrubber.error({
          kind: "timeout", operationId: "getJob", method: "GET", path: `/v3/jobs/${encodeURIComponent(jobId)}`,
          message: `waitForJob: job ${jobId} did not finish within ${ms} ms (last status: ${status ?? "unknown"})`,
        }));
    },
  };
}

/** Prism's mock explains a refused request in its sl-violations header; keep its words in the error. */
function mockViolations(response: Response): string | undefined {
  const header = response.headers.get("sl-violations");
  if (!header) return undefined;
  try {
    const list = JSON.parse(header) as { location?: string[]; message?: string }[];
    return `(mock: ${list.map((v) => `${(v.location ?? []).join(".")} ${v.message ?? ""}`.trim()).join("; ")})`;
  } catch {
    return `(mock: ${header})`;
  }
}
