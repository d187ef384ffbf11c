import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/src/index.js";
import {
  allJobs,
  artisan,
  curator,
  get,
  start,
  type ErrorBody,
  type Job,
  type JobSummary,
  type WorkflowJob,
} from "./helpers.js";

describe("simulator: GET /v3/workflows/{workflowId}/jobs", () => {
  let sim: RunningSimulator;
  let token: string;
  let workflowId: string;
  let ofWorkflow: JobSummary[];
  let dispositions: Map<string, string>;
  const list = (query = "", id = workflowId) =>
    get<WorkflowJob[]>(sim, `/v3/workflows/${id}/jobs?limit=1000${query ? `&${query}` : ""}`, token);
  const ids = (jobs: { id: string }[]) => jobs.map((j) => j.id).sort();

  beforeAll(async () => {
    sim = await start({ jobs: 1000, seed: 9 });
    token = curator(sim).token;
    workflowId = sim.workflows[0]?.id ?? "";
    ofWorkflow = (await allJobs(sim)).filter((j) => j.workflowId === workflowId);
    dispositions = new Map();
    for (const j of ofWorkflow.filter((j) => j.status === "Completed")) {
      dispositions.set(
        j.jobId,
        (await get<Job>(sim, `/v3/jobs/${j.jobId}?includeMessages=false`, token)).body.disposition ?? "",
      );
    }
  });
  afterAll(() => sim.close());

  it("answers a bare array of the workflow's jobs, newest first", async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body).toHaveLength(ofWorkflow.length);
    expect(ofWorkflow.length).toBeGreaterThan(10);
    const byId = new Map(ofWorkflow.map((j) => [j.jobId, j]));
    for (const job of res.body) {
      expect(Object.keys(job).sort()).toEqual(["createDate", "id", "priority", "runWithE2", "status", "workerTag"]);
      const summary = byId.get(job.id);
      expect(job.createDate).toBe(summary?.queueTime);
      expect(job.priority).toBe(summary?.priority);
      expect(job.status).toBe(summary?.status === "Initializing" ? "Running" : summary?.status);
    }
    const times = res.body.map((j) => Date.parse(j.createDate ?? ""));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Anyone signed in may list a workflow's jobs.
    expect((await get(sim, `/v3/workflows/${workflowId}/jobs`, artisan(sim).token)).status).toBe(200);
  });

  it("pages with offset and limit (50 by default)", async () => {
    const all = (await list()).body;
    const first = await get<WorkflowJob[]>(sim, `/v3/workflows/${workflowId}/jobs`, token);
    expect(first.body.map((j) => j.id)).toEqual(all.slice(0, 50).map((j) => j.id));
    const seen: string[] = [];
    for (let offset = 0; offset < 5000; offset += 7) {
      const res = await get<WorkflowJob[]>(sim, `/v3/workflows/${workflowId}/jobs?limit=7&offset=${offset}`, token);
      seen.push(...res.body.map((j) => j.id));
      expect(res.body.length <= 7).toBe(true);
      if (res.body.length < 7) break;
    }
    expect(seen).toEqual(all.map((j) => j.id));
  });

  it("filters by status: Complete, Error, Running (with Initializing) and Queued", async () => {
    const expectations: [string, (j: JobSummary) => boolean][] = [
      ["Complete", (j) => j.status === "Completed"],
      ["Error", (j) => j.status === "Completed" && dispositions.get(j.jobId) === "Error"],
      ["Running", (j) => j.status === "Running" || j.status === "Initializing"],
      ["Queued", (j) => j.status === "Queued"],
    ];
    for (const [status, keep] of expectations) {
      const res = await list(`status=${status}`);
      expect(res.status).toBe(200);
      expect(ids(res.body), status).toEqual(
        ofWorkflow
          .filter(keep)
          .map((j) => j.jobId)
          .sort(),
      );
    }
    const errors = (await list("status=Error")).body;
    expect(errors.length).toBeGreaterThan(0);
    for (const job of errors) expect(job.status).toBe("Completed");
  });

  it("filters by resultCode", async () => {
    for (const code of ["Success", "Warning", "Error"]) {
      const res = await list(`resultCode=${code}`);
      const expected = [...dispositions]
        .filter(([, d]) => d === code)
        .map(([id]) => id)
        .sort();
      expect(expected.length, code).toBeGreaterThan(0);
      expect(ids(res.body), code).toEqual(expected);
    }
    const both = await list("status=Complete&resultCode=Success");
    expect(ids(both.body)).toEqual(
      [...dispositions]
        .filter(([, d]) => d === "Success")
        .map(([id]) => id)
        .sort(),
    );
  });

  it("sorts by each field in both directions", async () => {
    for (const field of ["CreateDate", "AppName", "CompletionDateTime", "Priority", "Status"]) {
      const asc = (await list(`sortField=${field}&direction=asc`)).body.map((j) => j.id);
      const desc = (await list(`sortField=${field}&direction=desc`)).body.map((j) => j.id);
      expect(desc, field).toEqual([...asc].reverse());
      expect([...asc].sort(), field).toEqual(ids(ofWorkflow.map((j) => ({ id: j.jobId }))));
    }
    const byDate = (await list("sortField=CreateDate&direction=asc")).body.map((j) => Date.parse(j.createDate ?? ""));
    expect(byDate).toEqual([...byDate].sort((a, b) => a - b));
  });

  it("answers 404 for an unknown workflow and 400 for bad parameters", async () => {
    const missing = await get<ErrorBody>(sim, "/v3/workflows/000000000000000000000000/jobs", token);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toEqual(expect.any(String));
    for (const [query, field] of [
      ["status=Completed", "status"],
      ["status=Cancelled", "status"],
      ["resultCode=Cancelled", "resultCode"],
      ["limit=0", "limit"],
      ["offset=-3", "offset"],
      ["sortField=Name", "sortField"],
      ["direction=sideways", "direction"],
    ] as const) {
      const res = await get<ErrorBody>(sim, `/v3/workflows/${workflowId}/jobs?${query}`, token);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.modelState ?? {}), query).toEqual([field]);
    }
  });
});
