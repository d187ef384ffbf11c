import { describe, expect, it } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { BASE, fakeFetch, json, pageOf } from "../support/fake-fetch.js";

const ids = (n: number, prefix = "job") =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);
async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function jobsServer(all: string[]) {
  return fakeFetch((req) => json(pageOf(all, req.url)));
}

describe("iterateJobs", () => {
  it("yields nothing for an empty result, after one request", async () => {
    const { fetch, sent } = jobsServer([]);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await collect(ayx.iterateJobs())).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it("reads a single page with one request", async () => {
    const { fetch, sent } = jobsServer(ids(7));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect((await collect(ayx.iterateJobs())).map((j) => j.jobId)).toEqual(ids(7));
    expect(sent).toHaveLength(1);
  });

  it("walks many pages with offset and limit, keeping the filters, and stops at the last page", async () => {
    const { fetch, sent } = jobsServer(ids(95));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const jobs = await collect(ayx.iterateJobs({ statuses: ["Complete"], sortField: "CreateDate" }, { pageSize: 20 }));
    expect(jobs.map((j) => j.jobId)).toEqual(ids(95));
    expect(sent.map((r) => r.url.search)).toEqual(
      [0, 20, 40, 60, 80].map((o) => `?statuses=Complete&sortField=CreateDate&offset=${o}&limit=20`),
    );
  });

  it("starts at the query's offset", async () => {
    const { fetch } = jobsServer(ids(30));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect((await collect(ayx.iterateJobs({ offset: 25 }, { pageSize: 10 }))).map((j) => j.jobId)).toEqual(
      ids(30).slice(25),
    );
  });

  it("stops with an invalid-response error when the server ignores offset, instead of looping forever", async () => {
    const all = ids(50);
    const { fetch, sent } = fakeFetch((req) => {
      const url = new URL(req.url);
      url.searchParams.set("offset", "0"); // this server always answers the first page
      return json(pageOf(all, url));
    });
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const job of ayx.iterateJobs({}, { pageSize: 10 })) seen.push(job.jobId);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({ kind: "invalid-response", operationId: "listJobs" });
    expect(error.message).toContain("repeats the previous page");
    expect(seen).toEqual(all.slice(0, 10));
    expect(sent).toHaveLength(2);
  });

  it("skips jobs that shift onto the next page while paging (no duplicates)", async () => {
    const all = ids(30);
    let calls = 0;
    const { fetch } = fakeFetch((req) => {
      // After the first page, two new jobs arrive at the front of the queue: everything shifts by two.
      if (calls++ === 1) all.unshift("new-1", "new-2");
      return json(pageOf(all, req.url));
    });
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const jobs = (await collect(ayx.iterateJobs({}, { pageSize: 10 }))).map((j) => j.jobId);
    expect(new Set(jobs).size).toBe(jobs.length);
    expect(jobs).toEqual(expect.arrayContaining(ids(30)));
  });

  it("with concurrency fetches later pages in parallel and still yields in order", async () => {
    const all = ids(100);
    let inFlight = 0;
    let maxInFlight = 0;
    const { fetch, sent } = fakeFetch(async (req) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Later pages answer faster, so the order of answers differs from the order of pages.
      await new Promise((r) => setTimeout(r, 40 - Number(req.url.searchParams.get("offset")) / 5));
      inFlight--;
      return json(pageOf(all, req.url));
    });
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const jobs = await collect(ayx.iterateJobs({}, { pageSize: 10, concurrency: 4 }));
    expect(jobs.map((j) => j.jobId)).toEqual(all);
    expect(sent).toHaveLength(10);
    expect(maxInFlight).toBe(4);
  });

  it("stops fetching ahead when the caller stops iterating", async () => {
    const { fetch, sent } = jobsServer(ids(1000));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    for await (const job of ayx.iterateJobs({}, { pageSize: 10, concurrency: 3 })) {
      if (job.jobId === "job-0015") break;
    }
    expect(sent.length).toBeLessThanOrEqual(5);
  });

  it("a failing page surfaces as the error, with no unhandled rejection from pages fetched ahead", async () => {
    const { fetch } = fakeFetch((req) =>
      req.url.searchParams.get("offset") === "0" ? json(pageOf(ids(50), req.url)) : json({ message: "boom" }, 500),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 0 });
    await expect(collect(ayx.iterateJobs({}, { pageSize: 10, concurrency: 4 }))).rejects.toMatchObject({
      kind: "http",
      status: 500,
    });
  });

  it("refuses invalid filters before the first request", async () => {
    const { fetch, sent } = jobsServer(ids(5));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    // @ts-expect-error: "Done" is not a status filter
    await expect(collect(ayx.iterateJobs({ statuses: ["Done"] }))).rejects.toMatchObject({
      kind: "invalid-request",
      message: expect.stringContaining("statuses"),
    });
    expect(sent).toHaveLength(0);
  });
});

describe("iterateJobs refuses a walk it cannot make", () => {
  it.each([
    [{ pageSize: 0 }, {}],
    [{ pageSize: -5, concurrency: 4 }, {}],
    [{ pageSize: 2.5 }, {}],
    [{}, { offset: -1 }],
    [{}, { limit: 0 }],
  ])("%o with query %o: an invalid-request error, nothing sent", async (options, query) => {
    const { fetch, sent } = fakeFetch(() => json({ data: [], pagination: {} }));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const walk = async () => {
      for await (const _ of ayx.iterateJobs(query, options)) void _;
    };
    await expect(walk()).rejects.toMatchObject({ kind: "invalid-request", operationId: "listJobs", path: "/v3/jobs" });
    expect(sent).toHaveLength(0);
  });
});
