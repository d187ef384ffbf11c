/**
 * What a demanding admin noticed (issue 23), each shown by a real run against the simulator: output of an
 * unfinished job, `--status Completed`, an empty list, file sizes, stats' failed %, and `allUsers=false`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fileSize } from "../../cli/src/commands/output.js";
import { createJobsClient } from "../../src/index.js";
import { FIXED_START } from "../../simulator/src/index.js";
import { runCli, type SimTarget, simTarget } from "./helpers.js";

vi.setConfig({ testTimeout: 60_000 });

let t: SimTarget;
beforeAll(async () => {
  // Real time: a job queued now stays queued or running for 8 s, long enough to ask for its outputs.
  t = await simTarget({ jobs: 400, timeScale: 1, start: FIXED_START });
});
afterAll(() => t?.sim.close());
const client = () => createJobsClient({ baseUrl: t.sim.url, auth: { token: t.sim.users[0]!.token } });

describe("output of a job that has not finished", () => {
  it("exits non-zero with a sentence that says to wait, and how", async () => {
    const queued = await client().enqueueJob(t.workflowId);
    const dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-unfinished-"));
    try {
      const [folder, stdout] = await Promise.all([
        runCli(["output", queued.id, "--out", dir], t.env),
        runCli(["output", queued.id, "anything", "--out", "-"], t.env),
      ]);
      for (const r of [folder, stdout]) {
        expect(r.code).toBe(4);
        expect(r.stdout).toBe("");
        expect(r.stderr).toMatch(
          new RegExp(`job ${queued.id} is (Queued|Initializing|Running) and has no outputs yet: wait for it`),
        );
        expect(r.stderr).toContain(`alteryx-jobs wait ${queued.id}`);
        expect(r.stderr).toContain("--wait");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("list", () => {
  it("--status Completed (as every table prints it) is --status Complete", async () => {
    const [read, api] = await Promise.all([
      runCli(["list", "--status", "Completed", "--sort", "CreateDate", "--limit", "5", "--json"], t.env),
      runCli(["list", "--status", "complete", "--sort", "CreateDate", "--limit", "5", "--json"], t.env),
    ]);
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual(JSON.parse(api.stdout));
    expect((JSON.parse(read.stdout) as { data: { status: string }[] }).data[0]?.status).toBe("Completed");
  });

  it("an empty list says so, without 'page 1 of 0'", async () => {
    const none = await runCli(["list", "--workflow-name", "no such workflow"], t.env);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("No jobs.\n");
    const past = await runCli(["list", "--offset", "100000"], t.env);
    expect(past.stdout).toMatch(/^No jobs at --offset 100000: there are \d+ jobs, from --offset 0\.\n$/);
  });
});

describe("sizes", () => {
  it("1.4 kB is kB, not 0.0 MB", () => {
    expect(fileSize(1400)).toBe("1.4 kB");
    expect(fileSize(999)).toBe("999 B");
    expect(fileSize(2_500_000)).toBe("2.5 MB");
  });
});

describe("stats", () => {
  it("the FAILED column's % is of the RUNS beside it", async () => {
    const window = ["--since", "2025-10-01", "--until", "2026-01-01", "--top", "1000"];
    const [text, json] = await Promise.all([
      runCli(["stats", ...window], t.env),
      runCli(["stats", ...window, "--json"], t.env),
    ]);
    expect(text.code, text.stderr).toBe(0);
    const stats = JSON.parse(json.stdout) as { workflows: { workflowName: string; runs: number; failures: number }[] };
    let differs = 0;
    for (const w of stats.workflows) {
      const row = text.stdout.split("\n").find((l) => l.startsWith(`${w.workflowName}  `));
      const shown = / (\d+) +(\d+) \(([\d.]+)%\)/.exec(row ?? "");
      expect(shown, `${w.workflowName} in\n${text.stdout}`).not.toBeNull();
      expect(Number(shown![1])).toBe(w.runs);
      expect(shown![3]).toBe(((w.failures / w.runs) * 100).toFixed(1));
      if (w.failures > 0) differs++;
    }
    expect(differs).toBeGreaterThan(0); // a row with failures was checked
  });
});

describe("the simulator", () => {
  it("honours allUsers=false: only the caller's jobs", async () => {
    const curator = t.sim.users.find((u) => u.role === "Curator")!;
    const mine = await createJobsClient({ baseUrl: t.sim.url, auth: { token: curator.token } }).listJobs({
      allUsers: false,
      limit: 1000,
    });
    const all = await client().listJobs({ allUsers: true, limit: 1000 });
    expect(mine.pagination.totalItems).toBeGreaterThan(0);
    expect(mine.pagination.totalItems).toBeLessThan(all.pagination.totalItems);
    expect(new Set(mine.data.map((j) => j.submittedBy))).toEqual(new Set([curator.name]));
  });
});
