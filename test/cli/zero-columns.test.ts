/**
 * A pseudo-terminal that reports 0 columns (`script -qec CMD /dev/null` without a parent terminal, as under cron
 * wrappers and some CI and container terminals): every command finishes, with bounded output and nothing that
 * moves. The spinner library divides by the width, so a spinner there once looped for ever (2 GB in 10 minutes).
 * Each run has a hard time limit and an output-size limit: a regression fails the test instead of hanging it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { cleanEnv, NODE_ARGS, root, type SimTarget, simTarget } from "./helpers.js";

vi.setConfig({ testTimeout: 90_000 });

const SCRIPT = "/usr/bin/script";
const TIME_LIMIT_MS = 45_000;
const OUTPUT_LIMIT = 2_000_000;
/** Escape codes that move the cursor, erase, or hide it, and a carriage return not followed by a newline. */
export const MOVING = /\x1b\[\??[0-9;]*[ABCDEFGHJKSTflhsu]|\r(?!\n)/;

interface PtyResult {
  code: number | null;
  output: string;
  /** Why the run was stopped early, if it was. */
  stopped?: "time" | "size";
}

/** Colour is welcome on a terminal, whatever its width: the tests read the text without it. */
const COLOUR = /\x1b\[[0-9;]*m/g;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `alteryx-jobs args` in a fresh pseudo-terminal of 0 columns (its own session: no parent terminal). */
export function inZeroColumns(args: string[], env: Record<string, string>, cwd = root): Promise<PtyResult> {
  const command = [process.execPath, ...NODE_ARGS, ...args].map(quote).join(" ");
  // `stty cols 0` makes sure of it even if a parent terminal's size leaked in.
  const child = spawn(SCRIPT, ["-qec", `stty cols 0 rows 0; exec ${command}`, "/dev/null"], {
    cwd,
    env: cleanEnv({ TERM: "xterm-256color", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let stopped: PtyResult["stopped"];
  const stop = (why: PtyResult["stopped"]) => {
    stopped ??= why;
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => stop("time"), TIME_LIMIT_MS);
  const collect = (d: Buffer) => {
    if (output.length < OUTPUT_LIMIT) output += d;
    else stop("size");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.replace(COLOUR, ""), ...(stopped ? { stopped } : {}) });
    });
  });
}

let t: SimTarget;
beforeAll(async () => {
  t = await simTarget({ jobs: 3000 });
});
afterAll(() => t?.sim.close());

describe.skipIf(!existsSync(SCRIPT))(
  `in a terminal of 0 columns${existsSync(SCRIPT) ? "" : " — skipped: /usr/bin/script is missing (util-linux)"}`,
  () => {
    it("the pseudo-terminal really reports 0 columns", async () => {
      const child = spawn(SCRIPT, ["-qec", "stty size", "/dev/null"], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      await new Promise((r) => child.once("close", r));
      expect(out.trim()).toBe("0 0");
    });

    it("list --all ends with every job and no spinner", async () => {
      const r = await inZeroColumns(["list", "--all", "--limit", "200", "--concurrency", "1"], t.env);
      expect(r.stopped).toBeUndefined();
      expect(r.code).toBe(0);
      expect(r.output).toMatch(/^3000 jobs\r?$/m);
      expect(r.output).not.toMatch(MOVING);
      expect(r.output).not.toMatch(/listing jobs/);
    });

    it("output saves the files, leaves no .part file and shows no progress bar", async () => {
      const client = createJobsClient({ baseUrl: t.sim.url, auth: { token: t.sim.users[0]!.token } });
      const done = await client.listJobs({ statuses: ["Complete"], limit: 50 });
      const jobs = await Promise.all(done.data.map((j) => client.getJob(j.jobId)));
      const jobId = jobs.find((j) => (j.outputs?.length ?? 0) > 0)!.id;
      const dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-0col-"));
      try {
        const r = await inZeroColumns(["output", jobId, "--out", dir], t.env);
        expect(r.stopped).toBeUndefined();
        expect(r.code, r.output).toBe(0);
        const files = readdirSync(dir);
        expect(files.length).toBeGreaterThan(0);
        expect(files.filter((f) => f.endsWith(".part"))).toEqual([]);
        expect(r.output).not.toMatch(MOVING);
        expect(r.output).not.toMatch(/reading its outputs|░/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("tables are not cut to a guessed width: a log keeps every name whole", async () => {
      const client = createJobsClient({ baseUrl: t.sim.url, auth: { token: t.sim.users[0]!.token } });
      const page = await client.listJobs({ limit: 5 });
      const r = await inZeroColumns(["list", "--limit", "5"], t.env);
      expect(r.code, r.output).toBe(0);
      for (const job of page.data) expect(r.output).toContain(`${job.workflowName}  `);
      expect(r.output).not.toContain("…");
    });

    it("watch --once prints the queue once, as plain lines", async () => {
      const r = await inZeroColumns(["watch", "--once"], t.env);
      expect(r.stopped).toBeUndefined();
      expect(r.code).toBe(0);
      expect(r.output).toMatch(/^Alteryx job queue http:\/\/127\.0\.0\.1:\d+\/webapi/m);
      expect(r.output).toMatch(/Queued, longest waiting first \(\d+\)/);
      expect(r.output).not.toMatch(MOVING);
    });

    it("wait and run --wait print their outcome without a spinner", async () => {
      const r = await inZeroColumns(["run", t.workflowId, "--wait"], t.env);
      expect(r.stopped).toBeUndefined();
      expect(r.code, r.output).toBe(0);
      expect(r.output).toMatch(/Completed Success after \d+s/);
      expect(r.output).not.toMatch(MOVING);
    });
  },
);
