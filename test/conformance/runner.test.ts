/**
 * runConformance against the simulator as each kind of server: the spec's readings (every claim confirmed), every
 * other answer of every profile question and claim (each claim refuted, with the request that showed it), an
 * Artisan's key, and servers that cannot be reached or refuse the key (the run stops).
 */
import { createServer as createHttpsServer } from "node:https";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CLAIM_IDS,
  type ClaimCheckId,
  isScenarioCheck,
  SCENARIO_CHECKS,
  type ConformanceRun,
  PROFILE_QUESTIONS,
  formatText,
  runConformance,
} from "../../cli/src/conformance/index.js";
import { freePort } from "../../cli/src/conformance/prism.js";
import { type Quirks, type RunningSimulator, SPEC_QUIRKS, startSimulator } from "../../simulator/src/index.js";

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
/** The profile questions' part of a set of quirks. */
const asked = (quirks: Quirks) => Object.fromEntries(PROFILE_QUESTIONS.map((name) => [name, quirks[name]]));
/** A request and its answer, as evidence names them. */
const REQUEST = /(GET|DELETE) \/v\d\/\S+ → \d{3}/;

describe("runConformance against the simulator", () => {
  it("a server with the spec's readings: every scenario passes, no violation, the profile is the spec's", async () => {
    // More than 5,000 jobs, so that asking for 5,000 shows whether a cap applies (the spec reads: none).
    const run = await fullRun(6000);
    expect(
      run.report.scenarios.filter((s) => s.outcome !== "passed"),
      formatText(run),
    ).toEqual([]);
    expect(run.report.stopped).toBeUndefined();
    expect(run.report.scenarios).toHaveLength(13);
    expect(run.report.violations).toEqual([]);
    expect(values(run)).toEqual(asked(SPEC_QUIRKS));
    for (const name of PROFILE_QUESTIONS) expect(run.profile?.[name].evidence, name).toMatch(REQUEST);
    // Every claim the run can check is confirmed, by requests it names or by the scenario that checks it.
    for (const id of CLAIM_IDS) {
      expect(run.report.claims[id], id).toMatchObject({
        verdict: "confirmed",
        evidence: isScenarioCheck(id) ? `the scenario "${SCENARIO_CHECKS[id]}" passed` : expect.stringMatching(REQUEST),
      });
    }
    expect(run.report.claims.multiValue.answer).toBe("comma-separated");
    expect(run.report.claims.errorBodies.answer).toBe("401 { message }, 404 { message }; no 403 seen");
    expect(run.exitCode).toBe(0);
    const text = formatText(run);
    expect(text).toContain(
      "  confirmed    multiValue: comma-separated\n      shown by: GET /v3/jobs?statuses=Complete&",
    );
    expect(text).toContain("  17 confirmed, 0 refuted, 0 not checked\n");
    expect(text).toContain("13 passed, 0 failed, 0 skipped, 0 violations\nExit code 0: nothing failed.");
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
    multiValue: "repeated",
    errorBodies: "empty",
    executionTime: "absent",
    dispositions: "other",
    outputTypes: "octet-stream",
  };

  it("a server that answers every question the other way: each answer detected, each claim refuted", async () => {
    const run = await fullRun(3000, others);
    expect(values(run)).toEqual(asked(others));
    const text = formatText(run);
    for (const name of PROFILE_QUESTIONS)
      expect(text).toContain(`  ${name}: ${others[name]}  ≠ the spec reads ${SPEC_QUIRKS[name]}`);
    // Every claim with a quirk is refuted, naming the request and answer that showed it; requiredFields stands.
    // The scenarios' claims are not checked here: their scenarios fail on an answer that breaks the spec elsewhere
    // (a zero-date startTime), which says nothing of offset or of the reduced object.
    const { claims } = run.report;
    const standing = ["requiredFields"];
    for (const id of ["paging", "reducedObject"] as const)
      expect(claims[id], id).toMatchObject({
        verdict: "not checked",
        evidence: expect.stringMatching(/^the scenario "[^"]+" failed: the answer breaks the spec/),
      });
    for (const id of CLAIM_IDS.filter((id) => !standing.includes(id) && !isScenarioCheck(id))) {
      expect(claims[id], id).toMatchObject({ verdict: "refuted", evidence: expect.stringMatching(REQUEST) });
    }
    for (const id of standing) {
      const claim = claims[id as ClaimCheckId];
      expect(claim.verdict, `${id}: ${claim.evidence}`).toBe("confirmed");
    }
    expect(claims.outputDownload.evidence).toMatch(
      /^GET \/v1\/jobs\/\w+\/output\/\w+\?format=Csv → 200 as application\/octet-stream, the spec reads text\/csv$/,
    );
    expect(claims.multiValue).toMatchObject({
      answer: "repeated parameter",
      evidence: expect.stringMatching(/^GET \/v3\/jobs\?\S+&priorities=\w+,\w+ → 400; /),
    });
    expect(claims.dispositions.evidence).toMatch(
      /^GET \/v3\/jobs\/\w+\?includeMessages=false → 200: disposition "Failed"/,
    );
    expect(claims.errorBodies.evidence).toBe(
      "GET /v3/jobs/000000000000000000000000 → 401 with an empty body; " +
        "GET /v3/jobs/000000000000000000000000 → 404 with an empty body; " +
        "GET /v3/jobs?limit=1 → 403 with an empty body",
    );
    expect(text).toContain("  refuted      multiValue: repeated parameter\n      shown by: GET /v3/jobs?");
    expect(text).toContain("  1 confirmed, 14 refuted, 2 not checked\n");
    expect(text).toContain("the spec: completedAfter: jobs completed on or after the day");
    // One of them breaks the spec itself: Prism names it, and the run fails. An empty cancel 200 does not: the
    // server's Swagger declares that answer without a body, so the spec accepts any body or none.
    const locations = run.report.violations.map((v) => `${v.request} ${v.location}`);
    expect(locations).toContain("GET /v3/jobs response.body.data.0.startTime");
    expect(locations.filter((l) => l.startsWith("DELETE "))).toEqual([]);
    expect(run.exitCode).toBe(1);
    // An empty 200 cancel is not one of them: the spec accepts any body or none there (the server's Swagger).
    expect(locations.filter((l) => l.startsWith("DELETE"))).toEqual([]);
    // A scenario whose answers break the spec fails, naming the violation.
    const paging = run.report.scenarios.find((s) => s.name.startsWith("paging covers"));
    expect(paging).toMatchObject({ outcome: "failed", reason: expect.stringContaining("startTime must match format") });
  }, 120_000);

  it("the remaining values (startTime absent, a cap of 1000, both ways), read-only, no Artisan's key", async () => {
    const { sim, curator } = await simulator(6000, {
      unstartedTimes: "absent",
      limitCap: 1000,
      multiValue: "both",
    });
    const run = await runConformance({ target: sim.url, credentials: curator });
    expect(values(run)).toMatchObject({
      unstartedTimes: "absent",
      limitCap: 1000,
      cancelBody: "unknown",
      artisanOnCuratorRoutes: "unknown",
    });
    expect(run.profile?.cancelBody.evidence).toMatch(/^writes are not allowed/);
    expect(run.profile?.artisanOnCuratorRoutes.evidence).toMatch(/^needs an Artisan's key too/);
    const { claims } = run.report;
    // Both ways of sending several values work: the spec's comma-separated one is confirmed.
    expect(claims.multiValue).toMatchObject({ verdict: "confirmed", answer: "both" });
    expect(claims.cancelBody).toEqual({ verdict: "not checked", evidence: run.profile?.cancelBody.evidence });
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
    // Claims: what needs a Curator is not checked, saying so; the rest is read through the workflow's jobs.
    const { claims } = run.report;
    expect(claims.multiValue).toEqual({
      verdict: "not checked",
      evidence: "needs a Curator's key (GET /v3/jobs?limit=1 → 401 for this key)",
    });
    expect(claims.errorBodies.evidence).toContain("GET /v3/jobs?limit=1 → 401 with { message }");
    expect(claims.requiredFields).toMatchObject({
      verdict: "confirmed",
      evidence: expect.stringContaining(`GET /v3/workflows/${workflowId}/jobs?limit=25&`),
    });
    expect(claims.dispositions.verdict).toBe("confirmed");
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
