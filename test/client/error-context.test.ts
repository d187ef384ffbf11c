/**
 * Every kind of failure names its call the same way: the operation, the method and the real path (as it was sent,
 * or as the caller gave it when it could not be sent), first in the message.
 */
import { describe, expect, it } from "vitest";
import { createJobsClient, type JobsClient } from "../../src/index.js";
import { BASE, fakeFetch, hangingFetch, job, json } from "../support/fake-fetch.js";
import { callContextProblems } from "../support/shown.js";

const answering = (response: () => Response) => fakeFetch(() => response()).fetch;
const refused = (() =>
  Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))) as typeof fetch;

type Case = [title: string, fetch: typeof fetch, call: (c: JobsClient) => Promise<unknown>, expected: object];
const cases: Case[] = [
  [
    "invalid-request, a query value",
    answering(() => json(job("x"))),
    (c) => c.listJobs({ statuses: ["Bogus" as "Queued"] }),
    { kind: "invalid-request", operationId: "listJobs", method: "GET", path: "/v3/jobs" },
  ],
  [
    "invalid-request, a path of '..'",
    answering(() => json(job("x"))),
    (c) => c.getJob(".."),
    { kind: "invalid-request", operationId: "getJob", method: "GET", path: "/v3/jobs/.." },
  ],
  [
    "invalid-request, a lone surrogate",
    answering(() => json(job("x"))),
    (c) => c.getJob("a\ud800"),
    { kind: "invalid-request", operationId: "getJob", method: "GET", path: "/v3/jobs/a\\ud800" },
  ],
  [
    "invalid-request, a query value on a real path",
    answering(() => json([])),
    (c) => c.listWorkflowJobs("w 1", { limit: 2.5 }),
    { kind: "invalid-request", operationId: "listWorkflowJobs", method: "GET", path: "/v3/workflows/w%201/jobs" },
  ],
  [
    "http",
    answering(() => json({ message: "Job not found." }, 404)),
    (c) => c.getJob("j/1"),
    { kind: "http", status: 404, operationId: "getJob", method: "GET", path: "/v3/jobs/j%2F1" },
  ],
  [
    "http, cancel refused",
    answering(() => json({ message: "This job is not in 'Queued' or 'Running' state." }, 400)),
    (c) => c.cancelJob("j1"),
    { kind: "http", reason: "not-cancellable", operationId: "cancelJob", method: "DELETE", path: "/v3/jobs/j1" },
  ],
  [
    "http, enqueue",
    answering(() => json({ message: "nope" }, 403)),
    (c) => c.enqueueJob("w1"),
    { kind: "http", operationId: "enqueueJob", method: "POST", path: "/v3/workflows/w1/jobs" },
  ],
  [
    "network",
    refused,
    (c) => c.getJobMessages("j1"),
    { kind: "network", operationId: "getJobMessages", method: "GET", path: "/v3/jobs/j1/messages" },
  ],
  [
    "timeout",
    hangingFetch(),
    (c) => c.getJob("j1"),
    { kind: "timeout", operationId: "getJob", method: "GET", path: "/v3/jobs/j1" },
  ],
  [
    "invalid-response, not JSON",
    answering(() => new Response("<html/>", { headers: { "content-type": "text/html" } })),
    (c) => c.listJobs(),
    { kind: "invalid-response", operationId: "listJobs", method: "GET", path: "/v3/jobs" },
  ],
  [
    "invalid-response, wrong shape",
    answering(() => json({ data: null })),
    (c) => c.listJobs(),
    { kind: "invalid-response", operationId: "listJobs", method: "GET", path: "/v3/jobs" },
  ],
  [
    "http, redirect refused",
    answering(() => new Response(null, { status: 302, headers: { location: "https://elsewhere.example" } })),
    (c) => c.getJob("j1"),
    { kind: "http", status: 302, operationId: "getJob", method: "GET", path: "/v3/jobs/j1" },
  ],
  [
    "waitForJob timeout",
    answering(() => json(job("j1", "Running"))),
    (c) => c.waitForJob("j1", { timeoutMs: 50, initialIntervalMs: 10 }),
    { kind: "timeout", operationId: "getJob", method: "GET", path: "/v3/jobs/j1" },
  ],
  [
    "iterateJobs, a server that ignores offset",
    answering(() =>
      json({
        data: [{ jobId: "a" }],
        pagination: {
          currentPage: 1,
          pageSize: 1,
          totalItems: 3,
          totalPages: 3,
          hasNextPage: true,
          hasPreviousPage: false,
        },
      }),
    ),
    async (c) => {
      for await (const _ of c.iterateJobs({ limit: 1 })) void _;
    },
    { kind: "invalid-response", operationId: "listJobs", method: "GET", path: "/v3/jobs" },
  ],
  [
    "request, a lone surrogate",
    answering(() => json(job("x"))),
    (c) => c.request("getJob", { path: { jobId: "\udc00" } }),
    { kind: "invalid-request", operationId: "getJob", method: "GET", path: "/v3/jobs/\\udc00" },
  ],
  [
    "request, not JSON",
    answering(() => new Response("x", { headers: { "content-type": "text/plain" } })),
    (c) => c.request("listJobs", {}),
    { kind: "invalid-response", operationId: "listJobs", method: "GET", path: "/v3/jobs" },
  ],
  [
    "token refused",
    answering(() => json({ error: "invalid_client" }, 401)),
    (c) => c.getJob("j1"),
    { kind: "http", status: 401, operationId: "requestToken", method: "POST", path: "/oauth2/token" },
  ],
];

describe("every error names its call", () => {
  it.each(cases)("%s", async (title, fetch, call, expected) => {
    const auth = title === "token refused" ? { clientId: "id", clientSecret: "secret" } : { token: "t" };
    const ayx = createJobsClient({ baseUrl: BASE, auth, fetch, retry: 0, timeoutMs: 100 });
    const error = await call(ayx).then(
      () => new Error("resolved"),
      (e: unknown) => e,
    );
    expect(error).toMatchObject(expected);
    expect(callContextProblems(error)).toEqual([]);
  });
});
