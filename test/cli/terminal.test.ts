/**
 * `watch`, the `wait` spinner and the cancel confirmation in a real terminal (tmux): started in a pane, read
 * with capture-pane, answered with send-keys. Without a terminal the same commands print no escape codes.
 */
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { ESCAPE, runCli, type SimTarget, simTarget } from "./helpers.js";
import { hasTmux, Pane } from "./tmux.js";

// Each test spawns `alteryx-jobs` (a Node start-up each): slow on a busy machine, never a measure of speed.
vi.setConfig({ testTimeout: 60_000 });

let t: SimTarget;
const panes: Pane[] = [];
beforeAll(async () => {
  // Real time: a queued job takes 8 s, long enough to watch the spinner turn even on a busy machine.
  t = await simTarget({ timeScale: 1, jobs: 200 });
});
afterAll(() => t?.sim.close());
afterEach(() => {
  for (const pane of panes.splice(0)) pane.close();
});
const open = (
  args: string[],
  env: Record<string, string> = t.env,
  options: { stdoutTo?: string; pipeTo?: string; width?: number } = {},
) => {
  const pane = new Pane(args, env, options);
  panes.push(pane);
  return pane;
};
const client = () => createJobsClient({ baseUrl: t.sim.url, auth: { token: t.sim.users[0]!.token } });

describe.skipIf(!hasTmux)(
  `in a terminal (tmux)${hasTmux ? "" : " — skipped: /usr/bin/tmux is not installed (apt-get install -y tmux)"}`,
  () => {
    it("watch redraws in place every interval and stops on Ctrl-C with exit code 0", async () => {
      const pane = open(["watch", "--interval", "1s"]);
      const first = await pane.waitFor(/Queued, longest waiting first \(\d+\)/);
      expect(first).toMatch(
        /^Alteryx job queue http:\/\/127\.0\.0\.1:\d+\/webapi · (\d\d:\d\d:\d\d) UTC · every 1s · q or Ctrl-C to stop$/m,
      );
      expect(first).toMatch(/^Running \d+ {3}Initializing \d+ {3}Queued \d+$/m);
      expect(first).toMatch(/^JOB\s+WORKFLOW\s+USER\s+PRIORITY\s+STATUS\s+RUNNING FOR$/m);
      const time = /· (\d\d:\d\d:\d\d) UTC/.exec(first)![1];
      // A job queued now shows up at the next refresh; the view is redrawn, not appended.
      const queued = await client().enqueueJob(t.workflowId);
      const later = await pane.waitFor(new RegExp(queued.id), 10_000);
      expect(/· (\d\d:\d\d:\d\d) UTC/.exec(later)![1]).not.toBe(time);
      expect(later.match(/Alteryx job queue/g)).toHaveLength(1);
      expect(pane.screen(true)).toMatch(/\x1b\[/); // colour on a terminal
      pane.keys("C-c");
      await pane.waitFor(/exit=0$/m);
    });

    it("q stops watch, as in top and less, and gives the terminal back as it was", async () => {
      const pane = open(["watch", "--interval", "1s"]);
      await pane.waitFor(/q or Ctrl-C to stop/);
      pane.keys("q");
      await pane.waitFor(/exit=0$/m);
      const after = open(["list", "--limit", "1"]);
      expect(await after.waitFor(/exit=\d+$/m)).toMatch(/exit=0$/m);
    });

    it("the spinner is gone when a reader such as head closes the pipe early", async () => {
      const big = await simTarget({ jobs: 20_000 });
      try {
        const args = ["list", "--all", "--ndjson", "--limit", "100", "--concurrency", "1"];
        const pane = open(args, big.env, { pipeTo: "head -c 200000 | tail -c 100 > /dev/null" });
        const done = await pane.waitFor(/exit=\d+$/m, 60_000);
        expect(done).not.toMatch(/listing jobs/);
        expect(done).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
        expect(pane.screen(true)).not.toMatch(/\x1b\[\?25l(?![\s\S]*\x1b\[\?25h)/); // the cursor is shown again
      } finally {
        await big.sim.close();
      }
    }, 90_000);

    it("conformance on a terminal: one moving progress line, then each scenario once, in the report", async () => {
      const quick = await simTarget({ jobs: 100, timeScale: 100 });
      try {
        const pane = open(["conformance", "--workflow-id", quick.workflowId], quick.env);
        await pane.waitFor(/conformance… /, 60_000);
        const done = await pane.waitFor(/exit=\d+$/m, 120_000);
        expect(done).toMatch(/exit=0$/m);
        const all = pane.screen(false, true);
        expect(all).not.toMatch(/conformance… |^\s*… /m);
        const names = [...all.matchAll(/^ {2}(?:pass|FAIL|skip) {2}(.+)$/gm)].map((m) => m[1]!.trim());
        expect(names.length).toBeGreaterThan(5);
        // Each scenario's name is on screen once: in the report, not in a progress line before it as well.
        for (const name of names) expect(all.split(name).length - 1, name).toBe(1);
      } finally {
        await quick.sim.close();
      }
    }, 150_000);

    it("wait shows a spinner with the status and the time so far, then the outcome", async () => {
      const queued = await client().enqueueJob(t.workflowId);
      const pane = open(["wait", queued.id]);
      const spinning = await pane.waitFor(new RegExp(`${queued.id} (Queued|Initializing|Running) · \\d+s`));
      expect(spinning).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
      const done = await pane.waitFor(/exit=\d+$/m, 40_000);
      expect(done).toMatch(new RegExp(`^${queued.id} Completed Success after \\d+s$`, "m"));
      expect(done).toMatch(/exit=0$/m);
      expect(done).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/); // the spinner is gone
    }, 60_000);

    it("cancel asks first: 'n' keeps the job (exit 1), 'y' cancels it", async () => {
      const queued = await client().enqueueJob(t.workflowId);
      const no = open(["cancel", queued.id]);
      await no.waitFor(new RegExp(`Cancel job ${queued.id}\\? \\[y/N\\]\\s*$`, "m"));
      no.keys("n", "Enter");
      const kept = await no.waitFor(/exit=\d+$/m);
      expect(kept).toMatch(/^Nothing was cancelled\.$/m);
      expect(kept).toMatch(/exit=1$/m);
      expect((await client().getJob(queued.id)).status).not.toBe("Cancelled");

      const [other] = (await client().listJobs({ statuses: ["Queued"], limit: 1 })).data;
      const yes = open(["cancel", other!.jobId]);
      await yes.waitFor(/\[y\/N\]\s*$/m);
      yes.keys("y", "Enter");
      const cancelled = await yes.waitFor(/exit=\d+$/m);
      expect(cancelled).toMatch(/exit=0$/m);
      // The job may have left the queue while the question was asked: what the command said must be what happened.
      const outcome = new RegExp(`^${other!.jobId} (deleted|cancelled)$`, "m").exec(cancelled)?.[1];
      if (outcome === "deleted") await expect(client().getJob(other!.jobId)).rejects.toMatchObject({ status: 404 });
      else expect((await client().getJob(other!.jobId)).status).toBe("Cancelled");
    });

    it("cancel by filter shows the matching jobs before asking", async () => {
      const [queued] = (await client().listJobs({ statuses: ["Queued"], limit: 1 })).data;
      const pane = open(["cancel", "--status", "Queued", "--workflow-name", queued!.workflowName]);
      const asked = await pane.waitFor(/Cancel (these \d+ jobs|job \w+)\? \[y\/N\]\s*$/m);
      expect(asked).toMatch(/^JOB\s+STATUS\s+WORKFLOW/m);
      expect(asked).toContain(queued!.jobId);
      pane.keys("Enter"); // the default is no
      expect(await pane.waitFor(/exit=\d+$/m)).toMatch(/exit=1$/m);
    });

    it("list --all counts pages on stderr while the jobs stream to a file", async () => {
      const big = await simTarget({ jobs: 60_000 });
      const out = join(tmpdir(), `alteryx-jobs-list-${process.pid}.ndjson`);
      try {
        const args = ["list", "--all", "--ndjson", "--limit", "200", "--concurrency", "1"];
        const pane = open(args, big.env, { stdoutTo: out });
        const counting = await pane.waitFor(/listing jobs… page \d+ · [\d,]+ jobs/, 30_000);
        const [, page, jobs] = /page (\d+) · ([\d,]+) jobs/.exec(counting)!;
        expect(Number(jobs!.replace(/,/g, ""))).toBe(Number(page) * 200);
        const done = await pane.waitFor(/exit=\d+$/m, 120_000);
        expect(done).toMatch(/exit=0$/m);
        expect(done).not.toMatch(/listing jobs/); // the counter is cleared at the end
        const lines = readFileSync(out, "utf8").trim().split("\n");
        expect(lines).toHaveLength(60_000);
        expect(lines.join("")).not.toMatch(ESCAPE);
      } finally {
        rmSync(out, { force: true });
        await big.sim.close();
      }
    }, 150_000);

    it("NO_COLOR turns colour off on a terminal", async () => {
      const pane = open(["list", "--limit", "3"], { ...t.env, NO_COLOR: "1" });
      await pane.waitFor(/exit=0$/m);
      expect(pane.screen(true)).not.toMatch(/\x1b\[[0-9;]*m/);
      const coloured = open(["list", "--limit", "3"]);
      await coloured.waitFor(/exit=0$/m);
      expect(coloured.screen(true)).toMatch(/\x1b\[[0-9;]*m/);
    });
  },
);

describe("without a terminal", () => {
  it("watch, wait and run --wait print no escape codes and no progress", async () => {
    const queued = await client().enqueueJob(t.workflowId);
    const [watch, wait, run] = await Promise.all([
      runCli(["watch", "--once"], t.env),
      runCli(["wait", queued.id], t.env),
      runCli(["run", t.workflowId, "--wait"], t.env),
    ]);
    for (const r of [watch, wait, run]) {
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(ESCAPE);
      expect(r.stderr).toBe("");
    }
    expect(wait.stdout).toMatch(new RegExp(`^${queued.id} Completed Success after \\d+s\\n$`));
  }, 60_000);
});
