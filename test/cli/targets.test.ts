/**
 * The same command line against the other targets: the Prism mock (stateless, answers from the spec's
 * examples), the simulator behind `prism proxy --errors` (every request the CLI sends is checked against the
 * spec), and `alteryx-jobs conformance` run against the simulator.
 */
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startPrism, type PrismHandle } from "../../cli/src/conformance/prism.js";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Job, JobsPage } from "../../src/index.js";
import { installLine, missingForConformance } from "../../cli/src/runners.js";
import { runCli, type SimTarget, simTarget } from "./helpers.js";
import { FIXED_START } from "../../simulator/src/index.js";

// Each test spawns `alteryx-jobs` (a Node start-up each): slow on a busy machine, never a measure of speed.
vi.setConfig({ testTimeout: 60_000 });

describe("against the Prism mock", () => {
  const env = () => ({ ALTERYX_BASE_URL: inject("mockUrl"), ALTERYX_TOKEN: "any-token-for-the-mock" });

  it("list, get, messages, workflow-jobs and token answer from the spec's examples", async () => {
    const list = await runCli(["list", "--json"], env());
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout) as JobsPage;
    const id = page.data[0]!.jobId;
    const [get, messages, workflowJobs, token] = await Promise.all([
      runCli(["get", id], env()),
      runCli(["messages", id, "--json"], env()),
      runCli(["workflow-jobs", page.data[0]!.workflowId, "--json"], env()),
      runCli(["token"], env()),
    ]);
    expect([get.code, messages.code, workflowJobs.code, token.code]).toEqual([0, 0, 0, 0]);
    expect(get.stdout).toMatch(/^Job\s+\w+$/m);
    expect(Array.isArray(JSON.parse(messages.stdout))).toBe(true);
    expect(token.stdout).toBe("any-token-for-the-mock\n");
  });

  it("output saves a job's files into a folder, or one to stdout with --out -", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-output-"));
    try {
      const id = (JSON.parse((await runCli(["list", "--json"], env())).stdout) as JobsPage).data[0]!.jobId;
      const job = JSON.parse((await runCli(["get", id, "--json"], env())).stdout) as Job;
      expect(job.outputs?.length).toBeGreaterThan(0);
      const saved = await runCli(["output", id, "--out", dir, "--json"], env());
      expect(saved.code, saved.stderr).toBe(0);
      const files = JSON.parse(saved.stdout) as { outputId: string; path: string; bytes: number }[];
      expect(files.map((f) => f.outputId)).toEqual(job.outputs!.map((o) => o.id));
      for (const file of files) {
        expect(file.path.startsWith(`${dir}/`)).toBe(true);
        expect(readFileSync(file.path).length).toBe(file.bytes);
      }
      const one = await runCli(["output", id, files[0]!.outputId, "--out", "-"], env());
      expect(one.code).toBe(0);
      expect(one.stdout).toBe(readFileSync(files[0]!.path, "utf8"));
      const missing = await runCli(["output", id, "no-such-output", "--out", dir], env());
      expect(missing.code).toBe(4);
      expect(missing.stderr).toMatch(/has no output no-such-output \(its outputs: /);
      expect((await runCli(["output", id, "--out", "-"], env())).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("against the simulator behind prism proxy --errors", () => {
  let t: SimTarget;
  let proxy: PrismHandle;
  beforeAll(async () => {
    t = await simTarget({ jobs: 200, start: FIXED_START }); // stats compares with dates of 2025
    proxy = await startPrism({ upstream: t.sim.url });
  }, 90_000);
  afterAll(async () => {
    await proxy?.stop();
    await t?.sim.close();
  });

  it("every command's requests and the answers match the spec (a violation would be a 422/500)", async () => {
    // The proxy forwards to the upstream URL, /webapi included: the client talks to its root.
    const env = { ...t.env, ALTERYX_BASE_URL: proxy.url };
    const [list, all, stats, watch] = await Promise.all([
      runCli(
        [
          "list",
          "--status",
          "Queued,Running",
          "--priority",
          "High",
          "--priority",
          "3",
          "--sort",
          "Priority",
          "--desc",
          "--limit",
          "10",
          "--json",
        ],
        env,
      ),
      runCli(
        [
          "list",
          "--all",
          "--ndjson",
          "--completed-after",
          "2025-06-01",
          "--completed-before",
          "2025-12-31",
          "--all-users",
        ],
        env,
      ),
      runCli(["stats", "--since", "2025-12-20", "--until", "2026-01-01", "--json"], env),
      runCli(["watch", "--once", "--json"], env),
    ]);
    for (const r of [list, all, stats, watch]) expect(r.code, r.stderr).toBe(0);
    const id = (JSON.parse(list.stdout) as JobsPage).data[0]!.jobId;
    const run = await runCli(
      ["run", t.workflowId, "--question", "Region=EU", "--priority", "Low", "--worker-tag", "tag1", "--wait"],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const [get, messages, cancel, workflowJobs] = await Promise.all([
      runCli(["get", id], env),
      runCli(["messages", id], env),
      runCli(["cancel", id, "--yes"], env),
      runCli(["workflow-jobs", t.workflowId, "--status", "Error", "--result", "Error", "--json"], env),
    ]);
    for (const r of [get, messages, cancel, workflowJobs]) expect(r.code, r.stderr).toBe(0);
  });
});

describe("alteryx-jobs conformance", () => {
  it("names what is missing and the exact command that installs it, at the versions the package pins", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../cli/package.json", import.meta.url), "utf8"));
    const without =
      (...absent: string[]) =>
      (id: string) => {
        if (absent.some((name) => id.startsWith(`${name}/`) || id === name)) throw new Error("Cannot find module");
        return id;
      };
    expect(missingForConformance(manifest, without())).toEqual([]);
    const prism = missingForConformance(manifest, without("@stoplight/prism-cli"));
    // Prism with the companions the command line pins (their newest releases need Node 24).
    expect(prism).toEqual([
      "@stoplight/prism-cli@5.14.2",
      "@stoplight/prism-core@5.8.0",
      "@stoplight/prism-http@5.12.0",
      "@stoplight/prism-http-server@5.12.2",
    ]);
    expect(installLine(prism)).toMatch(/not installed: Prism \(@stoplight\/prism-cli\)\. Install with: npm install/);
    expect(installLine(prism)).toContain(`npm install --save-dev ${prism.join(" ")}`);
    expect(installLine(prism)).not.toContain("\n");
    // The validator's peers are the command line's own dependencies: never asked for.
    expect(missingForConformance(manifest, without("ajv", "ajv-formats"))).toEqual([]);
  });

  it("runs the conformance scenarios against the simulator and reports them", async () => {
    const t = await simTarget({ jobs: 100, timeScale: 100 });
    try {
      const report = join(tmpdir(), `alteryx-jobs-conformance-${process.pid}.xml`);
      const r = await runCli(["conformance", "--workflow-id", t.workflowId, "--junit", report], t.env);
      expect(readFileSync(report, "utf8")).toMatch(/^<\?xml[^>]*>\s*<testsuites/);
      rmSync(report, { force: true });
      expect(r.stdout).toMatch(/^Conformance of http:\/\/127\.0\.0\.1:\d+\/webapi to the alteryx-jobs-api spec/m);
      expect(r.stdout).toMatch(/^\s*[1-9]\d* passed, 0 failed, \d+ skipped, 0 violations$/m);
      expect(r.code).toBe(0);
      const token = await runCli(["conformance"], { ALTERYX_BASE_URL: t.sim.url, ALTERYX_TOKEN: "abc" });
      expect(token.code).toBe(2);
      expect(token.stderr).toMatch(/needs the API access key and secret/);
    } finally {
      await t.sim.close();
    }
  }, 180_000);
});
