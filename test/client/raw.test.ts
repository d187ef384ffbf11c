/** `raw`: openapi-fetch over the client's own transport, so its calls get the same auth, retries and errors. */
import { describe, expect, it } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";

describe("raw", () => {
  it("sends the bearer token, retries a GET, and lets middleware see and change openapi-fetch's Request", async () => {
    let calls = 0;
    const { fetch, sent } = fakeFetch(() => (++calls === 1 ? json({}, 503) : json(job("j1"))));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t0ken" }, fetch, retry: { baseDelayMs: 1 } });
    const seen: string[] = [];
    ayx.raw.use({
      onRequest({ request }) {
        seen.push(`${request.method} ${new URL(request.url).pathname} ${request instanceof Request}`);
        request.headers.set("x-trace", "abc");
        return request;
      },
    });
    const { data, response } = await ayx.raw.GET("/v3/jobs/{jobId}", { params: { path: { jobId: "j 1" } } });
    expect(response.status).toBe(200);
    expect(data?.id).toBe("j1");
    expect(seen).toEqual(["GET /webapi/v3/jobs/j%201 true"]);
    expect(sent.map((r) => [r.url.pathname, r.headers.get("authorization"), r.headers.get("x-trace")])).toEqual([
      ["/webapi/v3/jobs/j%201", "Bearer t0ken", "abc"],
      ["/webapi/v3/jobs/j%201", "Bearer t0ken", "abc"],
    ]);
  });

  it("gives an HTTP error as openapi-fetch's error, and a network failure as a JobsApiError", async () => {
    const { fetch } = fakeFetch(() => json({ message: "Job not found." }, 404));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const { error, response } = await ayx.raw.GET("/v3/jobs/{jobId}", { params: { path: { jobId: "nope" } } });
    expect(response.status).toBe(404);
    expect(error).toEqual({ message: "Job not found." });

    const refused = (() => Promise.reject(new TypeError("fetch failed"))) as typeof globalThis.fetch;
    const offline = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch: refused, retry: 0 });
    const failure = await offline.raw.DELETE("/v3/jobs/{jobId}", { params: { path: { jobId: "j1" } } }).catch((e) => e);
    expect(failure).toBeInstanceOf(JobsApiError);
    expect(failure).toMatchObject({ kind: "network", operationId: "cancelJob", method: "DELETE", path: "/v3/jobs/j1" });
  });
});
