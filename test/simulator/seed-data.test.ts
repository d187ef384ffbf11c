import { describe, expect, it } from "vitest";
import { generateData } from "../../simulator/src/seed-data.js";
import { DISPOSITION_NAMES, STATUS_NAMES } from "../../simulator/src/vocabulary.js";
import { seedToInt } from "../../simulator/src/prng.js";
import { allJobs, curator, get, start, type JobsPage } from "./helpers.js";

function snapshot(seed: number, jobs: number) {
  const data = generateData(seed, jobs);
  const t = data.jobs;
  const n = t.length;
  return {
    users: data.users,
    workflows: data.workflows,
    ids: Array.from({ length: n }, (_, i) => t.id(i)),
    columns: [t.queueMs, t.startMs, t.endMs, t.workflow, t.user, t.status, t.disposition, t.priority, t.tag].map((c) =>
      Array.from(c.subarray(0, n)),
    ),
  };
}

describe("simulator: seeded data", () => {
  it("is the same for the same seed and differs for another seed", () => {
    const a = snapshot(42, 2000);
    expect(snapshot(42, 2000)).toEqual(a);
    const b = snapshot(43, 2000);
    expect(b.ids).not.toEqual(a.ids);
    expect(b.users.map((u) => u.clientSecret)).not.toEqual(a.users.map((u) => u.clientSecret));
    expect(b.workflows.map((w) => w.id)).not.toEqual(a.workflows.map((w) => w.id));
    expect(seedToInt("demo")).toBe(seedToInt("demo"));
    expect(seedToInt("demo")).not.toBe(seedToInt("demo2"));
    expect(seedToInt("17")).toBe(17);
  });

  it("is the same over HTTP for the same seed, credentials included", async () => {
    const [s1, s2, s3] = await Promise.all([
      start({ jobs: 300, seed: "alpha" }),
      start({ jobs: 300, seed: "alpha" }),
      start({ jobs: 300, seed: "beta" }),
    ]);
    try {
      const strip = (users: typeof s1.users) => users.map(({ token: _, ...u }) => u);
      expect(strip(s2.users)).toEqual(strip(s1.users));
      expect(s1.users[0]?.token).not.toBe(s2.users[0]?.token); // tokens are random
      const [j1, j2, j3] = await Promise.all([allJobs(s1), allJobs(s2), allJobs(s3)]);
      expect(j2).toEqual(j1);
      expect(j3).not.toEqual(j1);
      const job = j1[17]?.jobId ?? "";
      const [d1, d2] = await Promise.all([
        get(s1, `/v3/jobs/${job}`, curator(s1).token),
        get(s2, `/v3/jobs/${job}`, curator(s2).token),
      ]);
      expect(d2.body).toEqual(d1.body);
    } finally {
      await Promise.all([s1.close(), s2.close(), s3.close()]);
    }
  });

  it("has 5 users (2 Curators, 3 Artisans), 20 workflows and every status, disposition and priority", () => {
    const data = generateData(1, 1000);
    expect(data.users.map((u) => u.role).sort()).toEqual(["Artisan", "Artisan", "Artisan", "Curator", "Curator"]);
    expect(new Set(data.users.map((u) => u.clientId)).size).toBe(5);
    expect(data.workflows).toHaveLength(20);
    expect(new Set(data.workflows.map((w) => w.name)).size).toBe(20);
    for (const w of data.workflows) expect(w.name).toMatch(/^[A-Z][a-z]+( [a-z]+)* [a-z]+\.yx(md|wz)$/);
    const t = data.jobs;
    const statuses = new Set<string>();
    const dispositions = new Set<string>();
    const priorities = new Set<number>();
    for (let i = 0; i < t.length; i++) {
      statuses.add(STATUS_NAMES[t.status[i] ?? 0] ?? "?");
      dispositions.add(DISPOSITION_NAMES[t.disposition[i] ?? 0] ?? "?");
      priorities.add(t.priority[i] ?? 0);
      expect(t.id(i)).toMatch(/^[0-9a-f]{24}$/);
      expect(t.indexOf(t.id(i))).toBe(i);
      const q = t.queueMs[i] ?? 0;
      expect(q).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 1));
      expect(q).toBeLessThan(Date.UTC(2026, 0, 1));
      if (i > 0) expect(t.compareIds(i - 1, i)).toBeLessThan(0);
    }
    expect(statuses).toEqual(new Set(STATUS_NAMES));
    expect(dispositions).toEqual(new Set(DISPOSITION_NAMES));
    expect(priorities.size).toBe(15);
    expect(t.inIdOrder).toBe(true);
    // Spread over the year: every month has jobs.
    const months = new Set(Array.from(t.queueMs.subarray(0, t.length), (ms) => new Date(ms).getUTCMonth()));
    expect(months.size).toBe(12);
  });

  it("generates 1,000,000 jobs and serves them", async () => {
    const sim = await start({ jobs: 1_000_000, seed: 1 });
    try {
      console.log(`generated 1,000,000 jobs in ${Math.round(sim.generationMs)} ms`);
      const token = curator(sim).token;
      const page = await get<JobsPage>(sim, "/v3/jobs?limit=5", token);
      expect(page.body.pagination.totalItems).toBe(1_000_000);
      expect(page.body.data).toHaveLength(5);
      const last = await get<JobsPage>(
        sim,
        "/v3/jobs?limit=1000&offset=999500&sortField=CreateDate&direction=asc",
        token,
      );
      expect(last.body.data).toHaveLength(500);
      expect(last.body.pagination.hasNextPage).toBe(false);
      const queued = await get<JobsPage>(sim, "/v3/jobs?statuses=Queued&limit=1", token);
      expect(queued.body.pagination.totalItems).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  }, 30_000);
});
