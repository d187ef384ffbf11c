/** Every command of `alteryx-jobs` against the simulator, spawned as a real process; outputs parsed back. */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Job, JobMessage, JobsPage, JobSummary, WorkflowJob } from "../../src/index.js";
import { createJobsClient } from "../../src/index.js";
import { closedPort, ESCAPE, runCli, type SimTarget, simTarget } from "./helpers.js";
import { FIXED_START } from "../../simulator/src/index.js";

// Each test spawns `alteryx-jobs` (a Node start-up each): slow on a busy machine, never a measure of speed.
vi.setConfig({ testTimeout: 60_000 });

let t: SimTarget;
beforeAll(async () => {
  t = await simTarget({ start: FIXED_START }); // dates of the history (2025) are compared
});
afterAll(() => t.sim.close());

const curatorClient = () =>
  createJobsClient({ baseUrl: t.sim.url, auth: { token: t.sim.users.find((u) => u.role === "Curator")!.token } });

describe("alteryx-jobs list", () => {
  it("prints one page as a plain table without a terminal, free of escape codes", async () => {
    const r = await runCli(["list", "--limit", "5"], t.env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^JOB\s+STATUS\s+WORKFLOW\s+USER\s+PRIORITY\s+QUEUED\s+RUN TIME$/);
    expect(lines).toHaveLength(7); // header, 5 jobs, page line
    expect(lines[6]).toMatch(/^page 1 of 60, 300 jobs; next page: --offset 5$/);
    expect(r.stdout + r.stderr).not.toMatch(ESCAPE);
  });

  it("--json is the client's page, exactly", async () => {
    const r = await runCli(
      ["list", "--status", "Complete", "--sort", "CreateDate", "--desc", "--limit", "7", "--offset", "3", "--json"],
      t.env,
    );
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout) as JobsPage;
    const expected = await curatorClient().listJobs({
      statuses: ["Complete"],
      sortField: "CreateDate",
      direction: "desc",
      limit: 7,
      offset: 3,
    });
    expect(page).toEqual(expected);
  });

  it("--all --ndjson streams every job once, in order; --all --json and --csv hold the same jobs", async () => {
    const [nd, json, csv] = await Promise.all([
      runCli(["list", "--all", "--ndjson", "--limit", "40"], t.env),
      runCli(["list", "--all", "--json"], t.env),
      runCli(["list", "--all", "--csv", "--priority", "High,Low", "--status", "Complete"], t.env),
    ]);
    expect(nd.code).toBe(0);
    const jobs = nd.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JobSummary);
    expect(jobs).toHaveLength(300);
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(300);
    expect((JSON.parse(json.stdout) as JobSummary[]).map((j) => j.jobId)).toEqual(jobs.map((j) => j.jobId));
    const rows = csv.stdout.trim().split("\r\n");
    expect(rows[0]).toBe("jobId,status,workflowName,workflowId,submittedBy,queueTime,startTime,executionTime,priority");
    const filtered = jobs.filter((j) => ["High", "Low"].includes(j.priority) && j.status === "Completed");
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual(filtered.map((j) => j.jobId));
    expect(nd.stderr + json.stderr + csv.stderr).toBe(""); // no progress without a terminal
  });

  it("passes every filter to the server", async () => {
    const all = JSON.parse((await runCli(["list", "--all", "--json"], t.env)).stdout) as JobSummary[];
    const done = all.find((j) => j.status === "Completed")!;
    const name = done.workflowName;
    const r = await runCli(
      [
        "list",
        "--workflow-name",
        name,
        "--user",
        t.sim.users.find((u) => u.name === done.submittedBy)!.id,
        "--completed-after",
        "2025-01-01",
        "--completed-before",
        "2026-01-02",
        "--all",
        "--json",
      ],
      t.env,
    );
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as JobSummary[];
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((j) => j.workflowName === name && j.submittedBy === done.submittedBy && j.executionTime)).toBe(
      true,
    );
  });

  it.each([
    [["list", "--bogus"], /unknown option '--bogus'/],
    [["list", "--status", "Done"], /expected one of Queued, Initializing, Running, Complete/],
    [["list", "--limit", "0"], /expected a whole number of at least 1/],
    [["list", "--completed-after", "2025-02-30"], /expected a date yyyy-MM-dd or a relative time/],
    [["list", "--json", "--csv"], /cannot be used with/],
    [["wait", "x", "--timeout", "10"], /expected a duration such as 30s/],
    [["run"], /missing required argument 'workflow'/],
    [["run", "wf", "--question", "novalue"], /expected name=value/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["completion", "tcsh"], /expected one of bash, zsh, fish/],
  ])("refuses %j with exit code 2 before anything is sent", async (args, message) => {
    // The URL points nowhere: a request would fail with 5, not 2.
    const r = await runCli(args, { ...t.env, ALTERYX_BASE_URL: "http://127.0.0.1:9/webapi" });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});

describe("alteryx-jobs get, messages, workflow-jobs", () => {
  it("get shows a failed job's errors first; --json is the client's job", async () => {
    const ayx = curatorClient();
    const failed = await ayx.waitForJob(
      (await ayx.enqueueJob(t.workflowId, { questions: [{ name: "fail", value: "true" }] })).id,
      { initialIntervalMs: 20 },
    );
    const text = await runCli(["get", failed.id], t.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Status\s+Completed$/m);
    expect(text.stdout).toMatch(/^Disposition\s+Error$/m);
    const messageLines = text.stdout
      .split(/Messages \(\d+: 1 errors, 0 warnings\)\n/)[1]!
      .trim()
      .split("\n");
    expect(messageLines[1]).toMatch(/^error\s+\d+\s+Error \(\d+\): The run was asked to fail/);
    const json = await runCli(["get", failed.id, "--json"], t.env);
    expect(JSON.parse(json.stdout) as Job).toEqual(await ayx.getJob(failed.id));
  });

  it("messages --json is always an array, as the client returns it", async () => {
    const [job] = (await curatorClient().listJobs({ statuses: ["Complete"], limit: 1 })).data;
    const r = await runCli(["messages", job!.jobId, "--json"], t.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout) as JobMessage[]).toEqual(await curatorClient().getJobMessages(job!.jobId));
    const text = await runCli(["messages", job!.jobId], t.env);
    expect(text.stdout).toMatch(/^KIND\s+TOOL\s+MESSAGE\ninfo\s+1\s+Input Data \(1\)/);
  });

  it("workflow-jobs filters by state and result", async () => {
    const r = await runCli(
      ["workflow-jobs", t.workflowId, "--status", "Complete", "--result", "Success", "--limit", "5", "--json"],
      t.env,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout) as WorkflowJob[]).toEqual(
      await curatorClient().listWorkflowJobs(t.workflowId, { status: "Complete", resultCode: "Success", limit: 5 }),
    );
    const text = await runCli(["workflow-jobs", t.workflowId, "--limit", "3"], t.env);
    expect(text.stdout.split("\n")[0]).toMatch(/^JOB\s+STATUS\s+PRIORITY\s+WORKER TAG\s+CREATED$/);
  });
});

describe("alteryx-jobs run and wait: exit codes from how the job ended", () => {
  it("run prints the new job's id; wait follows it and exits 0 on Success", async () => {
    const run = await runCli(["run", t.workflowId, "--priority", "high", "--question", "Region=EU=1"], t.env);
    expect(run.code).toBe(0);
    const id = run.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const job = await curatorClient().getJob(id);
    expect(job.priority).toBe("High");
    const wait = await runCli(["wait", id, "--json"], t.env);
    expect(wait.code).toBe(0);
    expect((JSON.parse(wait.stdout) as Job).disposition).toBe("Success");
  });

  it("run --wait exits 1 when the job ends in Error, and shows the error", async () => {
    const r = await runCli(["run", t.workflowId, "--wait", "--question", "fail=true"], t.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Completed Error after/);
    expect(r.stdout).toMatch(/error Error \(\d+\): The run was asked to fail/);
  });

  it("a Warning exits 0, or 1 with --fail-on-warning", async () => {
    const ok = await runCli(["run", t.workflowId, "--wait", "--question", "warn=true"], t.env);
    const strict = await runCli(["run", t.workflowId, "--wait", "--question", "warn=true", "--fail-on-warning"], t.env);
    expect([ok.code, strict.code]).toEqual([0, 1]);
    expect(ok.stdout).toMatch(/Completed Warning/);
  });

  it("wait on a cancelled job exits 1", async () => {
    const ayx = curatorClient();
    const [running] = (await ayx.listJobs({ statuses: ["Running"], limit: 1 })).data;
    await ayx.cancelJob(running!.jobId);
    const r = await runCli(["wait", running!.jobId], t.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Cancelled/);
  });

  it("run --wait --out queues, waits and saves the job's outputs", async (ctx) => {
    const ayx = curatorClient();
    const probe = await ayx.waitForJob((await ayx.enqueueJob(t.workflowId)).id, { initialIntervalMs: 20 });
    const served = await ayx.getJobOutput(probe.id, probe.outputs![0]!.id).then(
      (f) => f.body.cancel().then(() => true),
      () => false,
    );
    if (!served) return ctx.skip("the simulator does not serve job outputs yet (issue 14, item 3)");
    const dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-run-out-"));
    try {
      const r = await runCli(["run", t.workflowId, "--wait", "--out", dir], t.env);
      expect(r.code, r.stderr).toBe(0);
      const id = r.stdout.split("\n")[0]!;
      const job = await ayx.getJob(id);
      const written = readdirSync(dir).sort();
      expect(written).toHaveLength(job.outputs!.length);
      for (const name of written) expect(r.stdout).toContain(join(dir, name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("wait --timeout exits 124 and says the job goes on", async () => {
    const slow = await simTarget({ timeScale: 1, jobs: 10 });
    try {
      const queued = await createJobsClient({
        baseUrl: slow.sim.url,
        auth: { token: slow.sim.users[0]!.token },
      }).enqueueJob(slow.workflowId);
      const r = await runCli(["wait", queued.id, "--timeout", "1s"], slow.env);
      expect(r.code).toBe(124);
      expect(r.stderr).toMatch(
        // The job may have left the queue while the CLI started on a busy machine.
        new RegExp(`${queued.id} did not finish within 1s \\(last status: (Queued|Initializing|Running)\\)`),
      );
      expect(r.stderr).toMatch(/; it goes on running\n$/);
    } finally {
      await slow.sim.close();
    }
  });

  it("exits 4 for a missing job, 3 for refused credentials or permission, 5 for an unreachable server", async () => {
    const [missing, badSecret, artisan, down] = await Promise.all([
      runCli(["get", "0123456789abcdef01234567"], t.env),
      runCli(["list"], { ...t.env, ALTERYX_CLIENT_SECRET: "wrong-secret-1234" }),
      runCli(["list"], t.artisanEnv),
      runCli(["get", "0123456789abcdef01234567"], {
        ...t.env,
        ALTERYX_BASE_URL: `http://127.0.0.1:${await closedPort()}/webapi`,
      }),
    ]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(
      /^alteryx-jobs: error: getJob \(GET \/v3\/jobs\/0123456789abcdef01234567\) failed with 404.*check the id/,
    );
    expect(badSecret.code).toBe(3);
    expect(badSecret.stderr).toMatch(/check the API access key and secret/);
    expect(badSecret.stderr).not.toContain("wrong-secret-1234");
    expect(artisan.code).toBe(3);
    expect(artisan.stderr).toMatch(/Only Curators can view the jobs in the queue/);
    expect(down.code).toBe(5);
    expect(down.stderr).toMatch(/could not reach the server.*ECONNREFUSED.*check the server URL/);
    for (const r of [missing, badSecret, artisan, down]) {
      expect(r.stderr.trim().split("\n")).toHaveLength(1); // one line, no stack
    }
  });
});

describe("alteryx-jobs cancel", () => {
  it("cancels a running job and deletes a queued one, saying which", async () => {
    // Real time (timeScale 1): the jobs keep their state while the command runs.
    const slow = await simTarget({ timeScale: 1, jobs: 300 });
    try {
      const ayx = createJobsClient({ baseUrl: slow.sim.url, auth: { token: slow.sim.users[0]!.token } });
      const [running] = (await ayx.listJobs({ statuses: ["Running"], limit: 1 })).data;
      const [queued] = (await ayx.listJobs({ statuses: ["Queued"], limit: 1 })).data;
      const r = await runCli(["cancel", running!.jobId, queued!.jobId], slow.env);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${running!.jobId} cancelled\n${queued!.jobId} deleted\n`);
      expect((await ayx.getJob(running!.jobId)).status).toBe("Cancelled");
      await expect(ayx.getJob(queued!.jobId)).rejects.toMatchObject({ status: 404 });
    } finally {
      await slow.sim.close();
    }
  });

  it("exits 1 when the server refuses (a finished job) and says why", async () => {
    const [done] = (await curatorClient().listJobs({ statuses: ["Complete"], limit: 1 })).data;
    const r = await runCli(["cancel", done!.jobId, "--json"], t.env);
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as { outcome: string; error: { reason: string } }[];
    expect(result!.outcome).toBe("not cancelled");
    expect(result!.error.reason).toBe("not-cancellable");
  });

  it("--dry-run by filter lists the jobs and changes nothing", async () => {
    const ayx = curatorClient();
    const before = await ayx.listJobs({ statuses: ["Queued", "Running", "Initializing"], limit: 1000 });
    const name = before.data.find((j) => j.status === "Queued")!.workflowName;
    const r = await runCli(["cancel", "--status", "Queued", "--workflow-name", name, "--dry-run", "--json"], t.env);
    expect(r.code).toBe(0);
    const planned = JSON.parse(r.stdout) as { jobId: string; status: string; wouldDo: string }[];
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((p) => p.status === "Queued" && p.wouldDo === "delete")).toBe(true);
    const after = await ayx.listJobs({ statuses: ["Queued", "Running", "Initializing"], limit: 1000 });
    expect(after.data.map((j) => j.jobId)).toEqual(before.data.map((j) => j.jobId));
  });

  it("by filter without a terminal needs --yes; with it, cancels every match", async () => {
    const ayx = curatorClient();
    const queued = (await ayx.listJobs({ statuses: ["Queued"], limit: 1000 })).data;
    const name = queued.at(-1)!.workflowName;
    const matching = queued.filter((j) => j.workflowName === name);
    const refused = await runCli(["cancel", "--status", "Queued", "--workflow-name", name], t.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/needs --yes/);
    const done = await runCli(["cancel", "--status", "Queued", "--workflow-name", name, "--yes"], t.env);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(matching.map((j) => `${j.jobId} deleted\n`).join(""));
    expect((await ayx.listJobs({ statuses: ["Queued"], workflowNames: [name], limit: 1000 })).data).toEqual([]);
  });

  it("refuses ids and filters together, and nothing at all", async () => {
    const [both, none] = await Promise.all([
      runCli(["cancel", "abc", "--status", "Queued"], t.env),
      runCli(["cancel"], t.env),
    ]);
    expect([both.code, none.code]).toEqual([2, 2]);
  });
});

describe("alteryx-jobs watch, stats, token", () => {
  it("watch --once prints counts and the running and queued jobs; --json one object per refresh", async () => {
    const text = await runCli(["watch", "--once", "--rows", "3"], t.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Alteryx job queue http:\/\/127\.0\.0\.1:\d+\/webapi · \d\d:\d\d:\d\d UTC · every 5s$/m,
    );
    expect(text.stdout).toMatch(/^Running \d+ {3}Initializing \d+ {3}Queued \d+$/m);
    expect(text.stdout).toMatch(/^JOB\s+WORKFLOW\s+USER\s+PRIORITY\s+WAITING$/m);
    expect(text.stdout).not.toMatch(ESCAPE);
    const json = await runCli(["watch", "--once", "--json", "--rows", "2"], t.env);
    const snap = JSON.parse(json.stdout) as {
      counts: Record<string, number>;
      queued: JobSummary[];
      running: JobSummary[];
    };
    const live = await curatorClient().listJobs({ statuses: ["Queued"], limit: 1 });
    expect(snap.counts.Queued).toBe(live.pagination.totalItems);
    expect(snap.queued.length).toBeLessThanOrEqual(2);
    expect(snap.queued.every((j) => j.status === "Queued")).toBe(true);
  });

  it("stats over a window: text, --json and --csv agree", async () => {
    const args = ["stats", "--since", "2025-12-01", "--until", "2026-01-01"];
    const [text, json, csv] = await Promise.all([
      runCli(args, t.env),
      runCli([...args, "--json"], t.env),
      runCli([...args, "--csv"], t.env),
    ]);
    expect([text.code, json.code, csv.code]).toEqual([0, 0, 0]);
    const stats = JSON.parse(json.stdout) as {
      runs: number;
      byDisposition: Record<string, number>;
      workflows: { runs: number }[];
      days: unknown[];
    };
    expect(stats.runs).toBeGreaterThan(0);
    expect(Object.values(stats.byDisposition).reduce((a, b) => a + b, 0)).toBe(stats.runs);
    expect(stats.days).toHaveLength(31);
    expect(text.stdout).toMatch(
      new RegExp(`^Runs completed 2025-12-01 00:00 to 2026-01-01 00:00 UTC: ${stats.runs}$`, "m"),
    );
    expect(text.stdout).toMatch(/^Failure rate\s+\d+\.\d% \(\d+ of \d+ completed runs ended in Error\)$/m);
    expect(text.stdout).toMatch(/^Queue wait\s+median .+ {3}95th percentile .+$/m);
    const rows = csv.stdout.trim().split("\r\n");
    expect(rows).toHaveLength(stats.workflows.length + 1);
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row.split(",").at(-10)), 0)).toBe(stats.runs);
  });

  it("token prints a bearer token the API accepts", async () => {
    const r = await runCli(["token"], t.env);
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    const answer = await fetch(`${t.sim.url}/v3/jobs?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
  });

  it("--help lists every command and the exit codes", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const command of [
      "list",
      "get",
      "messages",
      "cancel",
      "run",
      "wait",
      "workflow-jobs",
      "watch",
      "stats",
      "token",
      "conformance",
      "simulator",
      "completion",
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
    expect(r.stdout).toMatch(/^ {2}124 {2}wait or run --wait ran out of --timeout$/m);
    expect((await runCli(["wait", "--help"])).stdout).toMatch(/^Exit codes:$/m);
  });
});
