import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator, SimulatorUser } from "../../simulator/src/index.js";
import {
  allJobs,
  artisan,
  call,
  curator,
  get,
  start,
  type ErrorBody,
  type Job,
  type JobMessage,
  type JobSummary,
} from "./helpers.js";

const JOB_KEYS = [
  "appId",
  "createDateTime",
  "disposition",
  "id",
  "messages",
  "outputs",
  "priority",
  "runWithE2",
  "status",
  "workerTag",
];

describe("simulator: one job", () => {
  let sim: RunningSimulator;
  let boss: SimulatorUser;
  let everything: JobSummary[];
  const find = (pred: (j: JobSummary) => boolean, skip = 0): JobSummary => {
    const job = everything.filter(pred)[skip];
    if (!job) throw new Error("no such job in the data");
    return job;
  };
  const nameOf = (u: SimulatorUser) => (j: JobSummary) => j.submittedBy === u.name;

  beforeAll(async () => {
    sim = await start({ jobs: 1000, seed: 3 });
    boss = curator(sim);
    everything = await allJobs(sim);
  });
  afterAll(() => sim.close());

  it("returns a job in full, with messages by default", async () => {
    const summary = find((j) => j.status === "Completed");
    const res = await get<Job>(sim, `/v3/jobs/${summary.jobId}`, boss.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const job = res.body;
    expect(Object.keys(job).sort()).toEqual(JOB_KEYS);
    expect(job.id).toBe(summary.jobId);
    expect(job.appId).toBe(summary.workflowId);
    expect(job.createDateTime).toBe(summary.queueTime);
    expect(job.status).toBe("Completed");
    expect(["Success", "Warning", "Error"]).toContain(job.disposition);
    expect(["Default", "Low", "Medium", "High", "Critical"]).toContain(job.priority);
    expect(typeof job.runWithE2).toBe("boolean");
    expect(typeof job.workerTag).toBe("string");
    expect(job.messages?.length).toBeGreaterThan(0);
    for (const m of job.messages ?? []) {
      expect(Number.isInteger(m.status)).toBe(true);
      expect(Number.isInteger(m.toolId)).toBe(true);
      expect(typeof m.text).toBe("string");
    }
    expect(job.messages?.at(-1)?.text).toMatch(/^Finished in/);
  });

  it("leaves out messages with includeMessages=false and keeps them with true", async () => {
    const summary = find((j) => j.status === "Completed");
    const reduced = await get<Job>(sim, `/v3/jobs/${summary.jobId}?includeMessages=false`, boss.token);
    expect(reduced.status).toBe(200);
    expect(reduced.body).not.toHaveProperty("messages");
    expect(Object.keys(reduced.body).sort()).toEqual(JOB_KEYS.filter((k) => k !== "messages"));
    const full = await get<Job>(sim, `/v3/jobs/${summary.jobId}?includeMessages=true`, boss.token);
    expect(full.body.messages?.length).toBeGreaterThan(0);
    const { messages: _, ...rest } = full.body;
    expect(rest).toEqual(reduced.body);
  });

  it("shows each status with a fitting disposition and outputs", async () => {
    const seen = new Set<string>();
    for (const status of ["Queued", "Initializing", "Running", "Cancelled"]) {
      const job = (await get<Job>(sim, `/v3/jobs/${find((j) => j.status === status).jobId}`, boss.token)).body;
      expect(job.status).toBe(status);
      expect(job.disposition).toBe(status === "Cancelled" ? "Cancelled" : "None");
      expect(job.outputs).toEqual([]);
      if (status === "Queued" || status === "Initializing") expect(job.messages).toEqual([]);
    }
    for (const summary of everything.filter((j) => j.status === "Completed").slice(0, 150)) {
      const job = (await get<Job>(sim, `/v3/jobs/${summary.jobId}?includeMessages=false`, boss.token)).body;
      seen.add(job.disposition ?? "");
      if (job.disposition === "Error") expect(job.outputs).toEqual([]);
      else expect(job.outputs?.length).toBeGreaterThan(0);
      for (const o of job.outputs ?? []) expect(o.id).toMatch(/^[0-9a-f]{24}$/);
    }
    expect(seen).toEqual(new Set(["Success", "Warning", "Error"]));
  });

  it("shows numeric priorities by name in the full job", async () => {
    const summary = find((j) => j.priority === "9");
    expect((await get<Job>(sim, `/v3/jobs/${summary.jobId}`, boss.token)).body.priority).toBe("Critical");
    const named = find((j) => j.priority === "Medium");
    expect((await get<Job>(sim, `/v3/jobs/${named.jobId}`, boss.token)).body.priority).toBe("Medium");
  });

  it("answers 404 with a message for unknown or malformed ids", async () => {
    const real = find(() => true).jobId;
    const twisted = real.slice(0, 8) + (real[8] === "0" ? "1" : "0") + real.slice(9);
    for (const id of ["000000000000000000000000", "nope", twisted, "zzzzzzzzzzzzzzzzzzzzzzzz", "%E0%A4%A"]) {
      const res = await get<ErrorBody>(sim, `/v3/jobs/${id}`, boss.token);
      expect(res.status, id).toBe(404);
      expect(res.body.message).toEqual(expect.any(String));
    }
  });

  it("lets an Artisan see their own jobs only (others are 404)", async () => {
    const me = artisan(sim);
    const mine = find(nameOf(me));
    const theirs = find((j) => j.submittedBy !== me.name);
    expect((await get<Job>(sim, `/v3/jobs/${mine.jobId}`, me.token)).status).toBe(200);
    expect((await get(sim, `/v3/jobs/${theirs.jobId}`, me.token)).status).toBe(404);
  });

  it("returns a job's messages as an array, for Curators only", async () => {
    const summary = find((j) => j.status === "Completed");
    const res = await get<JobMessage[]>(sim, `/v3/jobs/${summary.jobId}/messages`, boss.token);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const full = await get<Job>(sim, `/v3/jobs/${summary.jobId}`, boss.token);
    expect(res.body).toEqual(full.body.messages);
    const queued = await get<JobMessage[]>(
      sim,
      `/v3/jobs/${find((j) => j.status === "Queued").jobId}/messages`,
      boss.token,
    );
    expect(queued.body).toEqual([]);

    const me = artisan(sim);
    const mine = find(nameOf(me));
    const refused = await get<ErrorBody>(sim, `/v3/jobs/${mine.jobId}/messages`, me.token);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/Curators/);
    const missing = await get<ErrorBody>(sim, "/v3/jobs/000000000000000000000000/messages", boss.token);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toEqual(expect.any(String));
  });

  describe("DELETE /v3/jobs/{jobId}", () => {
    const del = (id: string, token: string) => call<ErrorBody>(sim, `/v3/jobs/${id}`, { method: "DELETE", token });

    it("cancels a running job", async () => {
      const job = find((j) => j.status === "Running");
      const res = await del(job.jobId, boss.token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: "Cancelled Successfully." });
      const after = (await get<Job>(sim, `/v3/jobs/${job.jobId}`, boss.token)).body;
      expect(after.status).toBe("Cancelled");
      expect(after.disposition).toBe("Cancelled");
      const listed = (await allJobs(sim, "sortField=CreateDate")).find((j) => j.jobId === job.jobId);
      expect(listed?.status).toBe("Cancelled");
      expect(listed?.executionTime).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      // Once cancelled it is no longer cancellable.
      const again = await del(job.jobId, boss.token);
      expect(again.status).toBe(400);
      expect(again.body).toEqual({ message: "This job is not in 'Queued' or 'Running' state." });
    });

    it("cancels an initializing job", async () => {
      const job = find((j) => j.status === "Initializing");
      expect((await del(job.jobId, boss.token)).body).toEqual({ message: "Cancelled Successfully." });
      expect((await get<Job>(sim, `/v3/jobs/${job.jobId}`, boss.token)).body.status).toBe("Cancelled");
    });

    it("deletes a queued job: it is gone afterwards", async () => {
      const job = find((j) => j.status === "Queued");
      const res = await del(job.jobId, boss.token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: "Deleted Successfully." });
      expect((await get(sim, `/v3/jobs/${job.jobId}`, boss.token)).status).toBe(404);
      expect((await del(job.jobId, boss.token)).status).toBe(404);
      const listed = await allJobs(sim);
      expect(listed.map((j) => j.jobId)).not.toContain(job.jobId);
      expect(listed).toHaveLength(everything.length - 1);
    });

    it("refuses finished jobs with 400", async () => {
      for (const status of ["Completed", "Cancelled"]) {
        const res = await del(find((j) => j.status === status, 3).jobId, boss.token);
        expect(res.status, status).toBe(400);
        expect(res.body).toEqual({ message: "This job is not in 'Queued' or 'Running' state." });
      }
    });

    it("lets an Artisan cancel their own jobs but not another user's", async () => {
      const me = artisan(sim);
      const other = find((j) => j.status === "Running" && j.submittedBy !== me.name, 1);
      const refused = await del(other.jobId, me.token);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ message: "You do not have permission to cancel this job." });
      expect((await get<Job>(sim, `/v3/jobs/${other.jobId}`, boss.token)).body.status).toBe("Running");

      const own = everything.find(
        (j) => (j.status === "Running" || j.status === "Queued") && j.submittedBy === me.name,
      );
      if (!own) throw new Error("the Artisan has no active job");
      const res = await del(own.jobId, me.token);
      expect(res.status).toBe(200);
      expect(res.body.message).toMatch(/^(Cancelled|Deleted) Successfully\.$/);
    });

    it("answers 404 for unknown jobs", async () => {
      const res = await del("000000000000000000000000", boss.token);
      expect(res.status).toBe(404);
      expect(res.body.message).toEqual(expect.any(String));
    });
  });
});
