/**
 * Number options are checked when the client is made (or when waitForJob starts): NaN, a negative or a huge
 * delay reaches setTimeout, which fires at once for any of them. Infinity means no limit.
 */
import { describe, expect, it } from "vitest";
import { createJobsClient, type JobsClientOptions } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";

/**
 * A server that answers after a short while on the real clock (longer than the 1 ms an overflowed timer waits),
 * unless the request is aborted first, as fetch does.
 */
const slowly = (answer: () => Response) =>
  fakeFetch(
    (_, signal) =>
      new Promise<Response>((resolve, reject) => {
        const timer = setTimeout(() => resolve(answer()), 25);
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      }),
  );

describe("number options", () => {
  it.each<[string, Partial<JobsClientOptions>, RegExp]>([
    [
      "timeoutMs NaN",
      { timeoutMs: Number.NaN },
      /^timeoutMs must be a number above 0 \(or Infinity, for no limit\), got NaN$/,
    ],
    ["timeoutMs -5", { timeoutMs: -5 }, /^timeoutMs must be .* got -5$/],
    ["timeoutMs 0", { timeoutMs: 0 }, /^timeoutMs must be .* got 0$/],
    ["timeoutMs as text", { timeoutMs: "5000" as unknown as number }, /^timeoutMs must be .* got "5000"$/],
    ["retry -1", { retry: -1 }, /^retry.retries must be a whole number of at least 0, got -1$/],
    ["retry Infinity", { retry: Number.POSITIVE_INFINITY }, /^retry.retries must be .* got Infinity$/],
    ["retry.baseDelayMs NaN", { retry: { baseDelayMs: Number.NaN } }, /^retry.baseDelayMs must be/],
    ["maxResponseBytes 1.5", { maxResponseBytes: 1.5 }, /^maxResponseBytes must be a whole number above 0/],
  ])("refuses %s when the client is made", (_, options, message) => {
    expect(() => createJobsClient({ baseUrl: BASE, auth: { token: "t" }, ...options })).toThrow(message);
  });

  it.each([3e9, Number.POSITIVE_INFINITY])("timeoutMs %d does not time a request out at once", async (timeoutMs) => {
    const { fetch } = slowly(() => json(job("j1")));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, timeoutMs });
    await expect(ayx.getJob("j1")).resolves.toMatchObject({ id: "j1" });
  });

  it("waitForJob with timeoutMs Infinity waits for as long as the job runs", async () => {
    let polls = 0;
    const { fetch } = slowly(() => json(job("j1", ++polls >= 3 ? "Completed" : "Running")));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const done = ayx.waitForJob("j1", { timeoutMs: Number.POSITIVE_INFINITY, initialIntervalMs: 1 });
    await expect(done).resolves.toMatchObject({ status: "Completed" });
  });

  it.each([
    ["timeoutMs", Number.NaN],
    ["timeoutMs", -5],
    ["initialIntervalMs", Number.NaN],
    ["maxIntervalMs", -1],
  ])("waitForJob refuses %s %d before the first poll", async (name, value) => {
    const { fetch, sent } = fakeFetch(() => json(job("j1", "Completed")));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.waitForJob("j1", { [name]: value })).rejects.toMatchObject({
      kind: "invalid-request",
      operationId: "getJob",
      message: expect.stringContaining(`waitForJob: ${name} must be`),
    });
    expect(sent).toEqual([]);
  });
});
