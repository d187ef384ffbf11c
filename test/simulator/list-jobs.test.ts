import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/src/index.js";
import {
  allJobs,
  artisan,
  completionMs,
  curator,
  get,
  start,
  type ErrorBody,
  type JobSummary,
  type JobsPage,
} from "./helpers.js";

const ids = (jobs: JobSummary[]) => jobs.map((j) => j.jobId);
const sortedIds = (jobs: JobSummary[]) => ids(jobs).sort();

const STATUS_ORDER = ["Queued", "Initializing", "Running", "Completed", "Cancelled"];
const NAME_LEVEL: Record<string, number> = { Default: 0, Low: 2, Medium: 4, High: 6, Critical: 8 };
const priorityRank = (p: string) => (p in NAME_LEVEL ? (NAME_LEVEL[p] ?? 0) * 2 + 1 : Number(p) * 2);

const SORT_KEYS: Record<string, (j: JobSummary) => number | string> = {
  CreateDate: (j) => Date.parse(j.queueTime ?? ""),
  AppName: (j) => j.workflowName,
  CompletionDateTime: (j) => completionMs(j) ?? -1,
  Priority: (j) => priorityRank(j.priority),
  Status: (j) => STATUS_ORDER.indexOf(j.status),
};

function compareBy(key: (j: JobSummary) => number | string) {
  return (a: JobSummary, b: JobSummary): number => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -1;
    if (ka > kb) return 1;
    return a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0;
  };
}

describe("simulator: GET /v3/jobs", () => {
  let sim: RunningSimulator;
  let token: string;
  let everything: JobSummary[];
  const list = (query: string) => get<JobsPage>(sim, `/v3/jobs?${query}`, token);
  const listAll = (query: string) => allJobs(sim, query);

  beforeAll(async () => {
    sim = await start({ jobs: 1000, seed: 7 });
    token = curator(sim).token;
    everything = await allJobs(sim);
  });
  afterAll(() => sim.close());

  it("is for Curators only: an Artisan gets 401 with a message", async () => {
    const res = await get<ErrorBody>(sim, "/v3/jobs", artisan(sim).token);
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/Curators/);
  });

  it("lists 50 jobs by default, newest first, with a pagination block", async () => {
    const res = await list("");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.body.data).toHaveLength(50);
    expect(res.body.pagination).toEqual({
      currentPage: 1,
      pageSize: 50,
      totalItems: 1000,
      totalPages: 20,
      hasNextPage: true,
      hasPreviousPage: false,
    });
    expect(ids(res.body.data)).toEqual(
      ids([...everything].sort(compareBy(SORT_KEYS.CreateDate!)).reverse().slice(0, 50)),
    );
  });

  it("holds every status and every named and numeric priority, in realistic shapes", () => {
    expect(everything).toHaveLength(1000);
    expect(new Set(everything.map((j) => j.status))).toEqual(new Set(STATUS_ORDER));
    expect(new Set(everything.map((j) => j.priority))).toEqual(
      new Set(["Default", "Low", "Medium", "High", "Critical", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]),
    );
    for (const job of everything) {
      expect(job.jobId).toMatch(/^[0-9a-f]{24}$/);
      expect(job.workflowId).toMatch(/^[0-9a-f]{24}$/);
      expect(job.workflowName).toMatch(/\.yx(md|wz)$/);
      expect(job.queueTime?.startsWith("2025-")).toBe(true);
      if (job.status === "Queued") {
        expect(job.startTime).toBeNull();
        expect(job.executionTime).toBeNull();
      }
      if (job.status === "Completed" || job.status === "Cancelled")
        expect(job.executionTime).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      else expect(job.executionTime).toBeNull();
    }
    expect(new Set(everything.map((j) => j.workflowId)).size).toBe(20);
    expect(new Set(everything.map((j) => j.submittedBy)).size).toBe(5);
  });

  it("filters by each status; Complete selects Completed jobs; values combine with OR", async () => {
    for (const [filter, status] of [
      ["Queued", "Queued"],
      ["Initializing", "Initializing"],
      ["Running", "Running"],
      ["Complete", "Completed"],
    ] as const) {
      const got = await listAll(`statuses=${filter}`);
      const expected = everything.filter((j) => j.status === status);
      expect(expected.length, filter).toBeGreaterThan(0);
      expect(sortedIds(got), filter).toEqual(sortedIds(expected));
    }
    const both = await listAll("statuses=Queued,Running");
    expect(sortedIds(both)).toEqual(
      sortedIds(everything.filter((j) => j.status === "Queued" || j.status === "Running")),
    );
  });

  it("filters by priority names and numbers", async () => {
    for (const p of ["Low", "Medium", "High", "Critical", "Default", "0", "6", "9"]) {
      const got = await listAll(`priorities=${p}`);
      const expected = everything.filter((j) => j.priority === p);
      expect(expected.length, p).toBeGreaterThan(0);
      expect(sortedIds(got), p).toEqual(sortedIds(expected));
    }
    const mixed = await listAll("priorities=High,Critical,6");
    expect(sortedIds(mixed)).toEqual(
      sortedIds(everything.filter((j) => ["High", "Critical", "6"].includes(j.priority))),
    );
    expect((await list("priorities=42")).body.pagination.totalItems).toBe(0);
  });

  it("filters by users only together with allUsers=true", async () => {
    const [a, b] = sim.users;
    const names = new Set([a?.name, b?.name]);
    const got = await listAll(`allUsers=true&users=${a?.id},${b?.id}`);
    const expected = everything.filter((j) => names.has(j.submittedBy ?? ""));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(1000);
    expect(sortedIds(got)).toEqual(sortedIds(expected));
    expect((await list(`users=${a?.id}`)).body.pagination.totalItems).toBe(1000);
    // allUsers=false: the caller's own jobs only, whatever users says.
    const own = (await list("allUsers=false")).body.pagination.totalItems;
    expect(own).toBeLessThan(1000);
    expect((await list(`allUsers=false&users=${a?.id}`)).body.pagination.totalItems).toBe(own);
    expect((await list("allUsers=true")).body.pagination.totalItems).toBe(1000);
    expect((await list("allUsers=true&users=ffffffffffffffffffffffff")).body.pagination.totalItems).toBe(0);
  });

  it("filters by exact workflow names", async () => {
    const [w1, w2] = sim.workflows;
    const one = await listAll(`workflowNames=${encodeURIComponent(w1?.name ?? "")}`);
    expect(sortedIds(one)).toEqual(sortedIds(everything.filter((j) => j.workflowName === w1?.name)));
    expect(one.length).toBeGreaterThan(0);
    const two = await listAll(`workflowNames=${encodeURIComponent(`${w1?.name},${w2?.name}`)}`);
    expect(sortedIds(two)).toEqual(
      sortedIds(everything.filter((j) => j.workflowName === w1?.name || j.workflowName === w2?.name)),
    );
    const stem = (w1?.name ?? "").replace(/\.yx\w+$/, "");
    expect((await list(`workflowNames=${encodeURIComponent(stem)}`)).body.pagination.totalItems).toBe(0);
  });

  it("filters by completion day: completedBefore excludes the day, completedAfter includes it", async () => {
    const finished = everything.filter((j) => completionMs(j) !== undefined);
    const pivot = finished[Math.floor(finished.length / 2)];
    const day = new Date(completionMs(pivot!) ?? 0).toISOString().slice(0, 10);
    const dayStart = Date.parse(`${day}T00:00:00Z`);

    const after = await listAll(`completedAfter=${day}`);
    expect(sortedIds(after)).toEqual(sortedIds(finished.filter((j) => (completionMs(j) ?? 0) >= dayStart)));
    expect(ids(after)).toContain(pivot?.jobId);

    const before = await listAll(`completedBefore=${day}`);
    expect(sortedIds(before)).toEqual(sortedIds(finished.filter((j) => (completionMs(j) ?? 0) < dayStart)));
    expect(ids(before)).not.toContain(pivot?.jobId);

    // Jobs that have not finished are left out by either filter.
    expect(after.length + before.length).toBe(finished.length);
    expect(finished.length).toBeLessThan(everything.length);

    const next = new Date(dayStart + 86_400_000).toISOString().slice(0, 10);
    const oneDay = await listAll(`completedAfter=${day}&completedBefore=${next}`);
    expect(ids(oneDay)).toContain(pivot?.jobId);
    for (const j of oneDay) expect(new Date(completionMs(j) ?? 0).toISOString().slice(0, 10)).toBe(day);
  });

  it("combines filters with AND", async () => {
    const w = sim.workflows[0]?.name ?? "";
    const got = await listAll(`statuses=Complete&priorities=Default&workflowNames=${encodeURIComponent(w)}`);
    expect(sortedIds(got)).toEqual(
      sortedIds(everything.filter((j) => j.status === "Completed" && j.priority === "Default" && j.workflowName === w)),
    );
  });

  for (const field of Object.keys(SORT_KEYS)) {
    it(`sorts by ${field} in both directions, ties broken by job id`, async () => {
      const asc = await listAll(`sortField=${field}&direction=asc`);
      const desc = await listAll(`sortField=${field}&direction=desc`);
      const expected = [...everything].sort(compareBy(SORT_KEYS[field]!));
      expect(ids(asc)).toEqual(ids(expected));
      expect(ids(desc)).toEqual(ids(expected).reverse());
      const byDefault = await listAll(`sortField=${field}`);
      expect(ids(byDefault)).toEqual(ids(desc));
    });
  }

  it("pages over every job exactly once, with a correct pagination block", async () => {
    const seen: string[] = [];
    const limit = 37;
    for (let offset = 0; offset < 2000; offset += limit) {
      const res = await list(`limit=${limit}&offset=${offset}&sortField=Priority&direction=asc`);
      expect(res.status).toBe(200);
      const p = res.body.pagination;
      expect(p).toEqual({
        currentPage: Math.floor(offset / limit) + 1,
        pageSize: limit,
        totalItems: 1000,
        totalPages: Math.ceil(1000 / limit),
        hasNextPage: offset + limit < 1000,
        hasPreviousPage: offset > 0,
      });
      seen.push(...ids(res.body.data));
      if (!p.hasNextPage) break;
    }
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
  });

  it("handles offsets that are not a multiple of the limit and offsets past the end", async () => {
    const mid = await list("offset=10&limit=25");
    expect(mid.body.pagination).toMatchObject({
      currentPage: 1,
      pageSize: 25,
      hasPreviousPage: true,
      hasNextPage: true,
    });
    expect(ids(mid.body.data)).toEqual(ids(everything.slice(10, 35)));
    const past = await list("offset=5000&limit=100");
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.pagination).toEqual({
      currentPage: 51,
      pageSize: 100,
      totalItems: 1000,
      totalPages: 10,
      hasNextPage: false,
      hasPreviousPage: true,
    });
    const none = await list("workflowNames=nothing");
    expect(none.body).toEqual({
      data: [],
      pagination: {
        currentPage: 1,
        pageSize: 50,
        totalItems: 0,
        totalPages: 0,
        hasNextPage: false,
        hasPreviousPage: false,
      },
    });
    const max = await list("limit=1000");
    expect(max.body.data).toHaveLength(1000);
  });
});
