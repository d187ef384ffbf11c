/** Every command of `alteryx-jobs` against the simulator, spawned as a real process; outputs parsed back. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
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

/**
 * A proxy to the simulator that answers 500 to every read of one job (GET /v3/jobs/{id}), as a server might
 * after a cancel; everything else goes through. It counts the DELETEs it forwarded.
 */
async function failingReads(upstream: URL) {
  let deletes = 0;
  const server = createServer((req, res) => {
    if (req.method === "GET" && /\/v3\/jobs\/[^/?]+(\?|$)/.test(req.url ?? "")) {
      res.writeHead(500, { "content-type": "application/json" }).end('{"message":"An error has occurred."}');
      return;
    }
    if (req.method === "DELETE") deletes++;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    get deletes() {
      return deletes;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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

  it("a usage error ends with exit code 2 and commander's line, before anything is sent", async () => {
    // The URL points nowhere: a request would fail with 5, not 2. Each refusal's words: units/errors.test.ts.
    const r = await runCli(["list", "--status", "Done"], { ...t.env, ALTERYX_BASE_URL: "http://127.0.0.1:9/webapi" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: option '--status <status>' argument 'Done' is invalid/);
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

  it("a Warning with --fail-on-warning exits 1 (every ending's code: units/errors.test.ts)", async () => {
    const strict = await runCli(["run", t.workflowId, "--wait", "--question", "warn=true", "--fail-on-warning"], t.env);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/Completed Warning/);
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
    // A clock 1,000 times slower than real time: the job stays queued however slowly the CLI starts.
    const slow = await simTarget({ timeScale: 0.001, tokenLifetime: 3600, jobs: 10 });
    try {
      const queued = await createJobsClient({
        baseUrl: slow.sim.url,
        auth: { token: slow.sim.users[0]!.token },
      }).enqueueJob(slow.workflowId);
      const r = await runCli(["wait", queued.id, "--timeout", "1s"], slow.env);
      expect(r.code).toBe(124);
      expect(r.stderr).toMatch(
        // "…" when the first poll has not answered yet on a busy machine.
        new RegExp(`${queued.id} did not finish within 1s \\(last status: (Queued|…)\\)`),
      );
      expect(r.stderr).toMatch(/; it goes on running\n$/);
    } finally {
      await slow.sim.close();
    }
  });

  it("exits 4 for a missing job, 3 for refused credentials, 5 for an unreachable server", async () => {
    const [missing, badSecret, down] = await Promise.all([
      runCli(["get", "0123456789abcdef01234567"], t.env),
      runCli(["list"], { ...t.env, ALTERYX_CLIENT_SECRET: "wrong-secret-1234" }),
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
    expect(down.code).toBe(5);
    expect(down.stderr).toMatch(/could not reach the server.*ECONNREFUSED.*check the server URL/);
    for (const r of [missing, badSecret, down]) {
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

  it("refuses ids and filters together, even with --yes, and cancels nothing", async () => {
    // Without the refusal, --yes would cancel the named job whatever the filter says.
    const ayx = curatorClient();
    const [queued] = (await ayx.listJobs({ statuses: ["Queued"], limit: 1 })).data;
    const both = await runCli(["cancel", queued!.jobId, "--status", "Running", "--yes"], t.env);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      "alteryx-jobs: error: give job ids or filters (--status, --workflow-name, ...), not both\n",
    );
    // Still there (a deleted job would be a 404) and not cancelled.
    expect((await ayx.getJob(queued!.jobId, { includeMessages: false })).status).not.toBe("Cancelled");
  });

  it("a cancel that stood is not reported 'not cancelled' when reading the job back fails", async () => {
    // A server that confirms a DELETE with an empty body; the client then reads the job to tell deleted from
    // cancelled. Here that read fails (500): the DELETE still happened, and the report must say so.
    const quiet = await simTarget({ timeScale: 0.001, tokenLifetime: 3600, jobs: 50, quirks: { cancelBody: "empty" } });
    const proxy = await failingReads(new URL(quiet.sim.url));
    try {
      const ayx = createJobsClient({ baseUrl: quiet.sim.url, auth: { token: quiet.sim.users[0]!.token } });
      const [running] = (await ayx.listJobs({ statuses: ["Running"], limit: 1 })).data;
      const env = { ...quiet.env, ALTERYX_BASE_URL: proxy.url };
      const [text, json] = [
        await runCli(["cancel", running!.jobId], env),
        await runCli(["cancel", running!.jobId, "--json"], env),
      ];
      expect(proxy.deletes).toBeGreaterThanOrEqual(1);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(new RegExp(`^${running!.jobId} (cancelled|deleted|cancelled or deleted)\\b`));
      expect(text.stdout).not.toMatch(/not cancelled/);
      expect((await ayx.getJob(running!.jobId)).status).toBe("Cancelled");
      // The second cancel finds the job finished: the server refuses, and that is "not cancelled" (exit 1).
      expect(json.code).toBe(1);
      expect((JSON.parse(json.stdout) as { outcome: string }[])[0]!.outcome).toBe("not cancelled");
    } finally {
      await proxy.close();
      await quiet.sim.close();
    }
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

  it("--version is cli/package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../cli/package.json", import.meta.url), "utf8"));
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });
});
