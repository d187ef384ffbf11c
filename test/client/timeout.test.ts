import { afterEach, describe, expect, it, vi } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { BASE, fakeFetch, hangingFetch, job, json } from "../support/fake-fetch.js";

afterEach(() => vi.useRealTimers());

describe("time limits", () => {
  it("a request without an answer fails with kind timeout after timeoutMs", async () => {
    vi.useFakeTimers();
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch: hangingFetch(), timeoutMs: 5_000 });
    const result = ayx.getJob("j1").catch((e) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await result;
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({ kind: "timeout", operationId: "getJob", method: "GET", path: "/v3/jobs/j1" });
    expect(error.message).toBe("getJob (GET /v3/jobs/j1) failed: no complete answer within 5000 ms");
  });

  it("the default timeout is 30 seconds", async () => {
    vi.useFakeTimers();
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch: hangingFetch() });
    let settled = false;
    const result = ayx.listJobs().catch((e) => e).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toMatchObject({ kind: "timeout" });
  });

  it("the caller's AbortSignal cancels a request in flight and rejects with its reason", async () => {
    const hanging = hangingFetch();
    const { fetch, sent } = fakeFetch((req, signal) => hanging(req.url, { signal }));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const controller = new AbortController();
    const result = ayx.getJob("j1", { signal: controller.signal });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    controller.abort(new Error("user went away"));
    await expect(result).rejects.toThrow("user went away");
  });

  it("an abort during the backoff between retries stops the retries", async () => {
    vi.useFakeTimers();
    const { fetch, sent } = fakeFetch(() => json({ message: "busy" }, 503));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 5 });
    const controller = new AbortController();
    const result = ayx.getJob("j1", { signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("stop"));
    expect((await result).message).toBe("stop");
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { fetch, sent } = fakeFetch(() => json(job("j1")));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.getJob("j1", { signal: AbortSignal.abort(new Error("too late")) })).rejects.toThrow("too late");
    expect(sent).toHaveLength(0);
  });
});
