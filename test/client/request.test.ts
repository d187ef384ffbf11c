/**
 * `request(operationId, input)`: any operation of the spec over the client's own pipeline, the file download
 * included, with the same auth, retries and errors as every method. openapi-fetch is not part of it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";
import { bytesOf, startOutputServer } from "../support/output-server.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("request", () => {
  it("sends the bearer token and retries a GET, by the operation table", async () => {
    let calls = 0;
    const { fetch, sent } = fakeFetch(() => (++calls === 1 ? json({}, 503) : json(job("j1"))));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t0ken" }, fetch, retry: { baseDelayMs: 1 } });
    const data = await ayx.request("getJob", { path: { jobId: "j 1" }, query: { includeMessages: false } });
    expect(data.id).toBe("j1");
    expect(sent.map((r) => [r.url.pathname + r.url.search, r.headers.get("authorization")])).toEqual([
      ["/webapi/v3/jobs/j%201?includeMessages=false", "Bearer t0ken"],
      ["/webapi/v3/jobs/j%201?includeMessages=false", "Bearer t0ken"],
    ]);
  });

  it("does not send a DELETE twice: the table says it is not safe to retry", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "busy" }, 503));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: { baseDelayMs: 1 } });
    const failure = await ayx.request("cancelJob", { path: { jobId: "j1" } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JobsApiError);
    expect(failure).toMatchObject({ kind: "http", status: 503, operationId: "cancelJob", path: "/v3/jobs/j1" });
    expect(sent).toHaveLength(1);
  });

  it("gives an HTTP error and a network failure as JobsApiErrors naming the operation", async () => {
    const { fetch } = fakeFetch(() => json({ message: "Job not found." }, 404));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.request("getJob", { path: { jobId: "nope" } })).rejects.toMatchObject({
      kind: "http",
      status: 404,
      serverMessage: "Job not found.",
    });
    const refused = (() => Promise.reject(new TypeError("fetch failed"))) as typeof globalThis.fetch;
    const offline = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch: refused, retry: 0 });
    await expect(offline.request("cancelJob", { path: { jobId: "j1" } })).rejects.toMatchObject({
      kind: "network",
      operationId: "cancelJob",
      method: "DELETE",
      path: "/v3/jobs/j1",
    });
  });

  it("downloads a file: an operation whose answer may be any file resolves with the response and its stream", async () => {
    const bytes = bytesOf(3000);
    const server = await startOutputServer("j1", [{ id: "o1", serve: (res) => res.end(bytes) }]);
    closers.push(server.close);
    const ayx = createJobsClient({ baseUrl: server.baseUrl, auth: { token: "t" } });
    const { response, body } = await ayx.request("getJobOutput", {
      path: { jobId: "j1", outputId: "o1" },
      query: { format: "Raw" },
    });
    expect(response.status).toBe(200);
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(server.seen).toEqual(["GET /webapi/v1/jobs/j1/output/o1?format=Raw"]);
  });

  it("refuses a missing required parameter before sending (checkRequests on)", async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    // A JavaScript caller, or one who casts: the types would not let it through.
    const input = { path: { jobId: "j1", outputId: "o1" }, query: {} } as never;
    await expect(ayx.request("getJobOutput", input)).rejects.toMatchObject({
      kind: "invalid-request",
      message: expect.stringContaining('parameter "format" is required'),
    });
    expect(sent).toEqual([]);
  });
});
