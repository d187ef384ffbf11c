import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createJobsClient, isFinished, JobsApiError } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A job that is Running until `doneAt` (fake clock), then Completed with the given disposition. */
function jobServer(doneAt: number, disposition = "Success") {
  return fakeFetch((req) => {
    const done = Date.now() >= doneAt;
    const withMessages = req.url.searchParams.get("includeMessages") !== "false";
    return json(job("j1", done ? "Completed" : "Running", {
      disposition: done ? disposition : "None",
      ...(withMessages ? { messages: [{ status: 4, text: "Finished", toolId: 0 }] } : {}),
    }));
  });
}

describe("waitForJob", () => {
  it("polls without messages until the job finishes, then returns it with messages", async () => {
    vi.setSystemTime(0);
    const { fetch, sent } = jobServer(60_000);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const onPoll = vi.fn();
    const result = ayx.waitForJob("j1", { onPoll });
    await vi.advanceTimersByTimeAsync(80_000);
    const done = await result;
    expect(done).toMatchObject({ status: "Completed", disposition: "Success", messages: [{ text: "Finished" }] });
    const polls = sent.filter((r) => r.url.searchParams.get("includeMessages") === "false");
    expect(polls.length).toBe(onPoll.mock.calls.length);
    expect(polls.length).toBeGreaterThan(5);
    expect(polls.length).toBeLessThan(20);
    expect(sent.at(-1)!.url.searchParams.get("includeMessages")).toBe("true");
    expect(onPoll.mock.calls.at(-1)![0]).toMatchObject({ status: "Completed" });
    expect(onPoll.mock.calls[0]![0]).toMatchObject({ status: "Running" });
  });

  it("backs off from about 1 s to at most 10 s between polls", async () => {
    vi.setSystemTime(0);
    const times: number[] = [];
    const { fetch } = jobServer(120_000);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, });
    const result = ayx.waitForJob("j1", { onPoll: () => times.push(Date.now()) });
    await vi.advanceTimersByTimeAsync(140_000);
    await result;
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(850);
    expect(gaps[0]).toBeLessThanOrEqual(1000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
    expect(gaps.at(-2)).toBeGreaterThanOrEqual(8_500);
    // Completion is noticed within the backoff cap.
    expect(times.at(-1)! - 120_000).toBeLessThanOrEqual(10_000);
  });

  it("treats a failed run (Completed, disposition Error) as finished", async () => {
    vi.setSystemTime(0);
    const { fetch } = jobServer(0, "Error");
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.waitForJob("j1")).resolves.toMatchObject({ status: "Completed", disposition: "Error" });
  });

  it("rejects with kind timeout after timeoutMs, naming the last status", async () => {
    vi.setSystemTime(0);
    const { fetch } = jobServer(Number.POSITIVE_INFINITY);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const result = ayx.waitForJob("j1", { timeoutMs: 30_000 }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    const error = await result;
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({ kind: "timeout" });
    expect(error.message).toBe("getJob (GET /v3/jobs/j1) failed: waitForJob gave up: the job did not finish within 30000 ms (last status: Running)");
  });

  it("rejects with the signal's reason when aborted", async () => {
    const { fetch } = jobServer(Number.POSITIVE_INFINITY);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const controller = new AbortController();
    const result = ayx.waitForJob("j1", { signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    controller.abort(new Error("no longer needed"));
    expect((await result).message).toBe("no longer needed");
  });

  it("passes on a 404 (a queued job that was deleted)", async () => {
    const { fetch } = fakeFetch(() => json({ message: "Job not found." }, 404));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.waitForJob("j1")).rejects.toMatchObject({ kind: "http", status: 404 });
  });

  it("isFinished knows the end states", () => {
    expect(isFinished({ status: "Completed", disposition: "Success" })).toBe(true);
    expect(isFinished({ status: "Cancelled", disposition: null })).toBe(true);
    expect(isFinished({ status: "Running", disposition: "Error" })).toBe(true);
    expect(isFinished({ status: "Queued", disposition: "None" })).toBe(false);
    expect(isFinished({ status: "Initializing" })).toBe(false);
  });
});
