/**
 * runConformance against the simulator as each kind of server: the spec's readings, every other answer of every
 * profile question, an Artisan's key, and servers that cannot be reached or refuse the key (the run stops).
 */
import { createServer as createHttpsServer } from "node:https";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ConformanceRun, formatText, runConformance } from "../../cli/src/conformance/index.js";
import { freePort } from "../../cli/src/conformance/prism.js";
import {
  type Quirks,
  QUIRK_NAMES,
  type RunningSimulator,
  SPEC_QUIRKS,
  startSimulator,
} from "../../simulator/src/index.js";

const started: RunningSimulator[] = [];
afterAll(async () => {
  for (const sim of started) await sim.close();
});

async function simulator(jobs: number, quirks: Partial<Quirks> = {}) {
  // Time scale 10: a queued job stays queued 200 ms and ends after 800 ms, time enough to cancel it on a busy machine.
  const sim = await startSimulator({ jobs, seed: 8, timeScale: 10, quirks });
  started.push(sim);
  const curator = sim.users.find((u) => u.role === "Curator")!;
  const artisan = sim.users.find((u) => u.role === "Artisan")!;
  return { sim, curator, artisan, workflowId: sim.workflows[0]!.id };
}

/** A run with everything on: writes, an Artisan's key as well, a workflow to queue. */
async function fullRun(jobs: number, quirks: Partial<Quirks> = {}) {
  const { sim, curator, artisan, workflowId } = await simulator(jobs, quirks);
  const target = sim.url;
  return runConformance({ target, credentials: curator, artisanCredentials: artisan, allowWrites: true, workflowId });
}

const outcomes = (run: ConformanceRun) => Object.fromEntries(run.report.scenarios.map((s) => [s.name, s.outcome]));
const values = (run: ConformanceRun) => run.report.profile;

describe("runConformance against the simulator", () => {
  it("a server with the spec's readings: every scenario passes, no violation, the profile is the spec's", async () => {
    // More than 5,000 jobs, so that asking for 5,000 shows whether a cap applies (the spec reads: none).
    const run = await fullRun(6000);
    expect(
      run.report.scenarios.filter((s) => s.outcome !== "passed"),
      formatText(run),
    ).toEqual([]);
    expect(run.report.scenarios).toHaveLength(13);
    expect(run.report.violations).toEqual([]);
    expect(values(run)).toEqual(SPEC_QUIRKS);
    for (const name of QUIRK_NAMES)
      expect(run.profile?.[name].evidence, name).toMatch(/(GET|DELETE) \/v3\/\S+ → \d{3}/);
    expect(run.exitCode).toBe(0);
    expect(formatText(run)).toContain("13 passed, 0 failed, 0 skipped, 0 violations\nExit code 0: nothing failed.");
  }, 120_000);

  const others: Quirks = {
    messages: "object",
    completedAfter: "exclusive",
    completedBefore: "inclusive",
    unstartedTimes: "zero-date",
    trailingSlash: "not-found",
    bearerCase: "sensitive",
    enumCase: "insensitive",
    limitCap: 250,
    cancelBody: "empty",
    artisanOnCuratorRoutes: 403,
  };

  it("a server that answers every question the other way: each answer detected, told apart from the spec", async () => {
    const run = await fullRun(3000, others);
    expect(values(run)).toEqual(others);
    const text = formatText(run);
    for (const name of QUIRK_NAMES)
      expect(text).toContain(`  ${name}: ${others[name]}  ≠ the spec reads ${SPEC_QUIRKS[name]}`);
    expect(text).toContain("the spec: completedAfter: jobs completed on or after the day");
    // Two of them break the spec itself: Prism names them, and the run fails.
    const locations = run.report.violations.map((v) => `${v.request} ${v.location}`);
    expect(locations).toContain("GET /v3/jobs response.body.data.0.startTime");
    expect(locations.some((l) => /^DELETE \/v3\/jobs\/\w+ response\.body$/.test(l))).toBe(true);
    expect(run.exitCode).toBe(1);
    // A scenario whose answers break the spec fails, naming the violation.
    const paging = run.report.scenarios.find((s) => s.name.startsWith("paging covers"));
    expect(paging).toMatchObject({ outcome: "failed", reason: expect.stringContaining("startTime must match format") });
  }, 120_000);

  it("the remaining values (startTime absent, a cap of 1000), read-only and without an Artisan's key", async () => {
    const { sim, curator } = await simulator(6000, { unstartedTimes: "absent", limitCap: 1000 });
    const run = await runConformance({ target: sim.url, credentials: curator });
    expect(values(run)).toMatchObject({
      unstartedTimes: "absent",
      limitCap: 1000,
      cancelBody: "unknown",
      artisanOnCuratorRoutes: "unknown",
    });
    expect(run.profile?.cancelBody.evidence).toMatch(/^writes are not allowed/);
    expect(run.profile?.artisanOnCuratorRoutes.evidence).toMatch(/^needs an Artisan's key too/);
    const skipped = run.report.scenarios.filter((s) => s.outcome === "skipped");
    expect(skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^queues and cancels a job: writes are off \(pass --workflow-id/),
      expect.stringMatching(/^queues and cancels a job: writes are off/),
    ]);
    // Above 2,000 jobs, paging checks a bounded window (first pages, a middle one, the last one).
    expect(outcomes(run)["paging covers the jobs exactly once (a bounded window on large servers)"]).toBe("passed");
    expect(run.exitCode).toBe(0);
  }, 120_000);

  it("an Artisan's key: Curator-only scenarios are skipped with that reason, not failed", async () => {
    const { sim, artisan, workflowId } = await simulator(300);
    const run = await runConformance({ target: sim.url, credentials: artisan, workflowId });
    const curatorOnly = [
      "lists a page of jobs with its pagination",
      "reads a listed job, with and without messages, and its messages",
      "paging covers the jobs exactly once (a bounded window on large servers)",
    ];
    for (const name of curatorOnly) {
      expect(run.report.scenarios.find((s) => s.name === name)).toEqual({
        name,
        outcome: "skipped",
        reason: "needs a Curator's key (GET /v3/jobs?limit=1 → 401 for this key)",
      });
    }
    expect(run.report.scenarios.filter((s) => s.outcome === "failed")).toEqual([]);
    expect(outcomes(run)["lists the jobs of a workflow as a bare array"]).toBe("passed");
    expect(run.role).toBe("Artisan");
    expect(values(run).artisanOnCuratorRoutes).toBe(401);
    expect(values(run).messages).toBe("unknown");
    expect(run.profile?.messages.evidence).toBe("needs a Curator's key (GET /v3/jobs?limit=1 → 401 for this key)");
    expect(formatText(run)).toContain("Key: an Artisan's (scenarios for Curators are skipped)");
    expect(run.exitCode).toBe(0);
  }, 120_000);
});

describe("runConformance stops before any scenario when it cannot run (exit code 2)", () => {
  const stopped = (run: ConformanceRun) => {
    expect(run.exitCode).toBe(2);
    expect(run.report.scenarios).toEqual([]);
    expect(run.report.violations).toEqual([]);
    expect(new Set(Object.values(run.report.profile))).toEqual(new Set(["unknown"]));
    return run.report.stopped ?? "";
  };

  it("nothing listens on the port: connection refused", async () => {
    const target = `http://127.0.0.1:${await freePort()}/webapi`;
    const reason = stopped(
      await runConformance({ target, credentials: { clientId: "k", clientSecret: "s3cr3t-value" } }),
    );
    expect(reason).toMatch(
      /^could not reach http:\/\/127\.0\.0\.1:\d+\/webapi: connection refused: nothing accepts connections/,
    );
  });

  it("the target is not an http(s) URL", async () => {
    const reason = stopped(
      await runConformance({ target: "alteryx.example.com", credentials: { clientId: "k", clientSecret: "s" } }),
    );
    expect(reason).toBe("--url must be an http(s) URL ending in /webapi, not 'alteryx.example.com'");
  });

  it("the host name does not resolve: DNS", async () => {
    const target = "http://alteryx.does-not-exist.invalid/webapi";
    const reason = stopped(
      await runConformance({ target, credentials: { clientId: "k", clientSecret: "s" }, timeoutMs: 10_000 }),
    );
    expect(reason).toContain("DNS: the name alteryx.does-not-exist.invalid");
  });

  it("the key is refused: one line naming the token request, with no secret", async () => {
    const { sim, curator } = await simulator(10);
    const run = await runConformance({
      target: sim.url,
      credentials: { clientId: curator.clientId, clientSecret: "wrong-secret-123" },
    });
    const reason = stopped(run);
    expect(reason).toBe(
      "the server refused the client credentials (POST /oauth2/token answered 401 invalid_client: " +
        "The client credentials are " +
        "invalid.); check the API access key and secret (Alteryx Server: My Profile → Keys)",
    );
    expect(JSON.stringify(run)).not.toContain("wrong-secret-123");
  });

  it("the URL is not the API root: 404, with a hint", async () => {
    const { sim, curator } = await simulator(10);
    const reason = stopped(
      await runConformance({ target: sim.url.replace(/\/webapi$/, "/api"), credentials: curator }),
    );
    expect(reason).toMatch(/answered GET \/v3\/jobs with 404: is --url the API root, ending in \/webapi\?$/);
  });

  const openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].find(existsSync);
  it.skipIf(!openssl)(
    `an untrusted certificate: TLS, with the private-CA hint${openssl ? "" : " (skipped: no openssl)"}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "conformance-tls-"));
      execFileSync(
        openssl!,
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
        ],
        { stdio: "ignore" },
      );
      const server = createHttpsServer(
        { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
        (_, res) => res.end(),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const target = `https://127.0.0.1:${(server.address() as { port: number }).port}/webapi`;
        const reason = stopped(await runConformance({ target, credentials: { clientId: "k", clientSecret: "s" } }));
        expect(reason).toMatch(
          /: TLS: 127\.0\.0\.1:\d+ answered, but its certificate is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
        );
        expect(reason).toContain("NODE_EXTRA_CA_CERTS=/path/to/your-ca.pem");
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );
});
