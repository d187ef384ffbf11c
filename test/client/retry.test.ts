import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Answers the given responses in turn, then a job. */
function sequence(...answers: (() => Response)[]) {
  let i = 0;
  return fakeFetch(() => (answers[i] ? answers[i++]!() : json(job("j1"))));
}
const networkError = () => {
  throw new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
};

describe("retries", () => {
  it.each([429, 502, 503, 504])("retries a GET answered %i, then succeeds", async (status) => {
    const { fetch, sent } = sequence(
      () => json({ message: "busy" }, status),
      () => json({ message: "busy" }, status),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const result = ayx.getJob("j1");
    await vi.runAllTimersAsync();
    await expect(result).resolves.toMatchObject({ id: "j1" });
    expect(sent).toHaveLength(3);
  });

  it("retries a GET after a network error", async () => {
    const { fetch, sent } = sequence(networkError);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const result = ayx.getJob("j1");
    await vi.runAllTimersAsync();
    await expect(result).resolves.toMatchObject({ id: "j1" });
    expect(sent).toHaveLength(2);
  });

  it("gives up after the configured number of retries and reports the last answer", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "Service Unavailable" }, 503));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 3 });
    const result = ayx.getJob("j1").catch((e) => e);
    await vi.runAllTimersAsync();
    expect(await result).toMatchObject({ kind: "http", status: 503, serverMessage: "Service Unavailable" });
    expect(sent).toHaveLength(4);
  });

  it("retry: 0 turns retries off", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "busy" }, 503));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 0 });
    await expect(ayx.getJob("j1")).rejects.toMatchObject({ status: 503 });
    expect(sent).toHaveLength(1);
  });

  it("waits as long as Retry-After asks (seconds)", async () => {
    const { fetch, sent } = sequence(() => json({ message: "slow down" }, 429, { "retry-after": "7" }));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const result = ayx.getJob("j1");
    await vi.advanceTimersByTimeAsync(6_900);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(2);
    await expect(result).resolves.toMatchObject({ id: "j1" });
  });

  it("waits as long as Retry-After asks (HTTP date)", async () => {
    vi.setSystemTime(new Date("2025-10-01T12:00:00Z"));
    const { fetch, sent } = sequence(() =>
      json({ message: "down" }, 503, { "retry-after": "Wed, 01 Oct 2025 12:00:04 GMT" }),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const result = ayx.getJob("j1");
    await vi.advanceTimersByTimeAsync(3_900);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(result).resolves.toMatchObject({ id: "j1" });
  });

  it("does not wait for a Retry-After beyond maxRetryAfterMs: it reports the 503", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "maintenance" }, 503, { "retry-after": "3600" }));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.getJob("j1")).rejects.toMatchObject({ status: 503, serverMessage: "maintenance" });
    expect(sent).toHaveLength(1);
  });

  it("backs off exponentially, with jitter, between tries", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "busy" }, 502));
    const times: number[] = [];
    const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
      times.push(Date.now());
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { token: "t" },
      fetch: recording,
      retry: { retries: 3, baseDelayMs: 1000, maxDelayMs: 3000 },
    });
    const result = ayx.getJob("j1").catch((e) => e);
    await vi.runAllTimersAsync();
    await result;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(sent).toHaveLength(4);
    expect(gaps[0]).toBeGreaterThanOrEqual(500); // attempt 0: 1000 ms, jittered down to half at most
    expect(gaps[0]).toBeLessThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeLessThanOrEqual(2000);
    expect(gaps[2]).toBeGreaterThanOrEqual(1500); // capped at maxDelayMs 3000
    expect(gaps[2]).toBeLessThanOrEqual(3000);
  });

  it("never retries POST (enqueue) or DELETE (cancel)", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "busy" }, 503));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 5 });
    await expect(ayx.enqueueJob("wf1", {})).rejects.toMatchObject({ status: 503, operationId: "enqueueJob" });
    await expect(ayx.cancelJob("j1")).rejects.toMatchObject({ status: 503, operationId: "cancelJob" });
    expect(sent.map((r) => r.method)).toEqual(["POST", "DELETE"]);
  });

  it("never retries POST after a network error either", async () => {
    const { fetch, sent } = fakeFetch(networkError);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.enqueueJob("wf1")).rejects.toMatchObject({ kind: "network" });
    expect(sent).toHaveLength(1);
  });

  it("retries token requests", async () => {
    let tokenTries = 0;
    const { fetch } = fakeFetch((req) =>
      req.url.pathname.endsWith("/oauth2/token")
        ? ++tokenTries === 1
          ? json({ message: "busy" }, 503)
          : json({ access_token: "tok", token_type: "bearer", expires_in: 3600 })
        : json(job("j1")),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { clientId: "k", clientSecret: "secret-1234" }, fetch });
    const result = ayx.getJob("j1");
    await vi.runAllTimersAsync();
    await expect(result).resolves.toMatchObject({ id: "j1" });
    expect(tokenTries).toBe(2);
  });
});
