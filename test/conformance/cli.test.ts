/**
 * `npm run conformance` as a user runs it (a child process): exit codes 0/1/2, the text report, `--json` in the
 * issue's shape, `--junit`, no secret anywhere, and a recorded run proving the read-only default never writes.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../cli/src/conformance/prism.js";
import { CLAIM_CHECKS, PROFILE_QUESTIONS } from "../../cli/src/conformance/index.js";
import { type RunningSimulator, startSimulator } from "../../simulator/src/index.js";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");

/** Runs the script as a child; asynchronously, since the servers it talks to live in this process. */
function conformance(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ALTERYX_")));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, "scripts/conformance.ts", ...args],
      { env: { ...clean, ...env } },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
};

describe("npm run conformance", () => {
  let sim: RunningSimulator;
  let broken: Server;
  let recorder: Server;
  const seen: string[] = [];
  let brokenUrl: string;
  let recordedUrl: string;
  const secret = "s3cret-of-the-broken-server";

  beforeAll(async () => {
    sim = await startSimulator({ jobs: 300, seed: 5, timeScale: 10 });
    // A server that breaks the spec: every answer is a job list whose currentPage is a string and whose job has no id.
    broken = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url?.startsWith("/webapi/oauth2/token")) {
        return res.end(
          JSON.stringify({ access_token: "t0k3n-of-the-broken-server", token_type: "bearer", expires_in: 3600 }),
        );
      }
      const job = { status: "Queued", workflowName: "W", workflowId: "w", priority: "Low" };
      const pagination = {
        currentPage: "1",
        pageSize: 50,
        totalItems: 1,
        totalPages: 1,
        hasNextPage: false,
        hasPreviousPage: false,
      };
      res.end(JSON.stringify({ data: [job], pagination }));
    });
    brokenUrl = `${await listen(broken)}/webapi`;
    // Records the method and path of every request on its way to the simulator.
    const upstream = new URL(sim.url);
    recorder = createServer((req, res) => {
      seen.push(`${req.method} ${req.url?.split("?")[0]}`);
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    recordedUrl = `${await listen(recorder)}/webapi`;
  });
  afterAll(async () => {
    await sim.close();
    for (const server of [broken, recorder]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("read-only by default: a recorded run sends only GET and the token POST, no DELETE and no enqueue", async () => {
    const curator = sim.users.find((u) => u.role === "Curator")!;
    const env = {
      ALTERYX_CLIENT_ID: curator.clientId,
      ALTERYX_CLIENT_SECRET: curator.clientSecret,
      ALTERYX_WORKFLOW_ID: sim.workflows[0]!.id,
    };
    const { status, stdout } = await conformance(["--target", recordedUrl, "--quiet"], env);
    expect(status, stdout).toBe(0);
    expect(seen.length).toBeGreaterThan(20);
    const methods = new Set(seen.map((line) => line.split(" ")[0]));
    expect(methods).toEqual(new Set(["GET", "POST"]));
    expect(new Set(seen.filter((line) => line.startsWith("POST")))).toEqual(new Set(["POST /webapi/oauth2/token"]));
    expect(stdout).toMatch(
      / {2}skip {2}queues a job, waits for it to finish, and then cannot cancel it\n {8}queues and cancels a job:/,
    );
    expect(stdout).toContain("  cancelBody: unknown\n      why: writes are not allowed");
    expect(stdout).toMatch(/\n11 passed, 0 failed, 2 skipped, 0 violations\nExit code 0: nothing failed\.\n$/);
  }, 120_000);

  it("a server that breaks the spec: exit code 1, the failures named, JSON and JUnit reports, no secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-report-"));
    const [json, junit] = [join(dir, "report.json"), join(dir, "report.xml")];
    const { status, stdout, stderr } = await conformance(["--target", brokenUrl, "--json", json, "--junit", junit], {
      ALTERYX_CLIENT_ID: "key",
      ALTERYX_CLIENT_SECRET: secret,
    });
    expect(status, stdout).toBe(1);
    expect(stdout).toMatch(
      / {2}FAIL {2}a request without a token gets 401 from the server\n {8}GET \/v3\/jobs\?limit=1 → 200: expected/,
    );
    expect(stdout).toMatch(/ {2}GET \/v3\/jobs {2}response\.body\.pagination\.currentPage: .*must be integer/);
    expect(stdout).toMatch(/ {2}GET \/v3\/jobs {2}response\.body\.data\.\*: .*required property 'jobId'/);
    expect(stdout).toMatch(/Exit code 1: a scenario failed or Prism saw a spec violation\.\n$/);

    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(Object.keys(report)).toEqual(["target", "startedAt", "scenarios", "violations", "profile", "claims"]);
    expect(report.target).toBe(brokenUrl);
    expect(Date.parse(report.startedAt)).not.toBeNaN();
    expect(report.scenarios).toContainEqual({
      name: "a request without a token gets 401 from the server",
      outcome: "failed",
      reason: "GET /v3/jobs?limit=1 → 200: expected 401 without a token",
    });
    for (const s of report.scenarios)
      expect(Object.keys(s).sort()).toEqual(
        s.outcome === "passed" ? ["name", "outcome"] : ["name", "outcome", "reason"],
      );
    expect(report.violations[0]).toEqual({
      request: expect.any(String),
      location: expect.any(String),
      message: expect.any(String),
    });
    expect(Object.keys(report.profile)).toEqual([...PROFILE_QUESTIONS]);
    expect(Object.keys(report.claims)).toEqual(Object.keys(CLAIM_CHECKS));
    // The broken server's pages lack jobId: the claim check names the request that showed it.
    expect(report.claims.requiredFields).toMatchObject({
      verdict: "refuted",
      evidence: expect.stringMatching(/GET \/v3\/jobs\?\S+ → 200: \$\.data\[\*\]\.jobId missing/),
    });

    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="alteryx-jobs-api conformance">/);
    expect(xml).toContain(
      '<testcase classname="conformance" name="a request without a token gets 401 from the server">',
    );
    expect(xml).toContain('<failure message="GET /v3/jobs?limit=1 → 200: expected 401 without a token"/>');
    expect(xml).toMatch(
      /<testcase classname="conformance" name="no spec violations">\n {6}<failure message="\d+ distinct spec/,
    );
    for (const text of [stdout, stderr, readFileSync(json, "utf8"), xml]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain("t0k3n-of-the-broken-server");
    }
  }, 120_000);

  it("wrong credentials: exit code 2 and one line that says so, nothing else claimed", async () => {
    const curator = sim.users.find((u) => u.role === "Curator")!;
    const { status, stdout } = await conformance(["--target", sim.url, "--quiet"], {
      ALTERYX_CLIENT_ID: curator.clientId,
      ALTERYX_CLIENT_SECRET: "nope-nope",
    });
    expect(status).toBe(2);
    const lines = stdout.trim().split("\n").filter(Boolean);
    expect(lines).toEqual([
      `Conformance of ${sim.url} to the alteryx-jobs-api spec (started ${lines[0]?.match(/started (\S+)\)/)?.[1]})`,
      "Stopped before any scenario: the server refused the client credentials " +
        "(POST /oauth2/token answered 401 invalid_client: The client credentials are invalid.); " +
        "check the API access key and secret (Alteryx Server: My Profile → Keys)",
      "Exit code 2: the run could not run.",
    ]);
  }, 60_000);

  it("nothing listening: exit code 2 with the real cause", async () => {
    const target = `http://127.0.0.1:${await freePort()}/webapi`;
    const { status, stdout } = await conformance(["--target", target, "--quiet"], {
      ALTERYX_CLIENT_ID: "k",
      ALTERYX_CLIENT_SECRET: "s",
    });
    expect(status).toBe(2);
    expect(stdout).toContain(`Stopped before any scenario: could not reach ${target}: connection refused`);
  }, 60_000);

  it("no target or no credentials: exit code 2 with the usage", async () => {
    const { status, stderr } = await conformance([], {});
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /--target is required\.\nusage: ALTERYX_CLIENT_ID=\.\.\. ALTERYX_CLIENT_SECRET=\.\.\. \\\n\s+npm run conformance/,
    );
  }, 60_000);
});
