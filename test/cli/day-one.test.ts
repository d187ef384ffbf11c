/**
 * What a new admin sees on day one against the simulator: it runs on the real clock (a job queued now is dated
 * now, and `stats` over the last hour counts it), unless a test fixes its start.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { FIXED_START } from "../../simulator/src/index.js";
import { runCli, type SimTarget, simTarget } from "./helpers.js";

vi.setConfig({ testTimeout: 60_000 });

describe("the simulator on the real clock (its default)", () => {
  let t: SimTarget;
  beforeAll(async () => {
    // Real time (a run takes 8 s): a faster clock would run ahead of the real one that `stats` ends its window at.
    t = await simTarget({ jobs: 300, timeScale: 1 });
  });
  afterAll(() => t?.sim.close());

  it("a job queued now is dated now, and stats over the last hour counts its run", async () => {
    const client = createJobsClient({ baseUrl: t.sim.url, auth: { token: t.sim.users[0]!.token } });
    const before = Date.now();
    const queued = await client.enqueueJob(t.workflowId);
    const created = Date.parse(queued.createDateTime ?? "");
    // Dated now: within a minute of the real clock (a fixed start dated it 2026-01-01).
    expect(Math.abs(created - before)).toBeLessThan(60_000);
    await client.waitForJob(queued.id, { timeoutMs: 30_000 });
    const r = await runCli(["stats", "--since", "1h", "--json"], t.env);
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout) as { runs: number; workflows: { workflowId: string; runs: number }[] };
    expect(stats.runs).toBeGreaterThanOrEqual(1);
    expect(stats.workflows.find((w) => w.workflowId === t.workflowId)?.runs).toBeGreaterThanOrEqual(1);
  });

  it("the generated history ends just before now: the default 7-day window of stats holds runs", async () => {
    const r = await runCli(["stats", "--json"], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { runs: number }).runs).toBeGreaterThan(0);
  });
});

describe("a fixed start, for reproducible tests", () => {
  it("dates the same history the same way on every run", async () => {
    const [a, b] = await Promise.all([simTarget({ start: FIXED_START }), simTarget({ start: "2026-01-01T00:00:00Z" })]);
    try {
      const ids = async (s: SimTarget) => {
        const client = createJobsClient({ baseUrl: s.sim.url, auth: { token: s.sim.users[0]!.token } });
        const page = await client.listJobs({ sortField: "CreateDate", direction: "desc", limit: 5 });
        return page.data.map((j) => [j.jobId, j.queueTime]);
      };
      const first = await ids(a);
      expect(first).toEqual(await ids(b));
      expect(first[0]![1]).toMatch(/^2025-12-31T/);
    } finally {
      await Promise.all([a.sim.close(), b.sim.close()]);
    }
  });
});
