/** `npm run conformance` against the simulator (clean) and against a server that breaks the spec (reported). */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../simulator/index.js";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");

/** Runs the report tool as a child; asynchronously, since the servers it talks to live in this process. */
function conformance(target: string, env: Record<string, string>): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsx, "scripts/conformance.ts", "--target", target], { env: { ...process.env, ...env } }, (error, stdout) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, output: stdout }),
    );
  });
}

describe("npm run conformance", () => {
  let sim: RunningSimulator;
  let broken: Server;
  let brokenUrl: string;
  beforeAll(async () => {
    sim = await startSimulator({ jobs: 300, seed: 5, timeScale: 100 });
    // A server whose job list breaks the spec: currentPage is a string, a job has no jobId.
    broken = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url?.startsWith("/webapi/oauth2/token")) return res.end(JSON.stringify({ access_token: "t0k3n", token_type: "bearer", expires_in: 3600 }));
      res.end(JSON.stringify({ data: [{ status: "Queued", workflowName: "W", workflowId: "w", priority: "Low" }], pagination: { currentPage: "1", pageSize: 50, totalItems: 1, totalPages: 1, hasNextPage: false, hasPreviousPage: false } }));
    });
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    brokenUrl = `http://127.0.0.1:${(broken.address() as { port: number }).port}/webapi`;
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => broken.close(resolve));
  });

  it("reports every scenario passed and no violation for the simulator", async () => {
    const curator = sim.users.find((u) => u.role === "Curator")!;
    const { status, output } = await conformance(sim.url, {
      ALTERYX_CLIENT_ID: curator.clientId, ALTERYX_CLIENT_SECRET: curator.clientSecret, ALTERYX_ALLOW_WRITES: "1", ALTERYX_WORKFLOW_ID: sim.workflows[0]!.id,
    });
    expect(output).toContain(`# Conformance of ${sim.url} to the alteryx-jobs-api spec`);
    expect(output).toContain("None: every request and response on the way matched the spec.");
    expect(output).toMatch(/\n15 passed, 0 failed, 0 violations\n/);
    expect(output).not.toContain("**failed**");
    expect(status).toBe(0);
  }, 120_000);

  it("names the failed scenarios and each violation of a server that breaks the spec", async () => {
    const { status, output } = await conformance(brokenUrl, { ALTERYX_CLIENT_ID: "key", ALTERYX_CLIENT_SECRET: "secret" });
    expect(status).toBe(1);
    expect(output).toContain("**failed**");
    expect(output).toMatch(/\| GET \/v3\/jobs \| response\.body\.pagination\.currentPage \| .*must be integer \| \d+ \|/);
    expect(output).toMatch(/\| GET \/v3\/jobs \| response\.body\.data\.0 \| .*required property 'jobId' \| \d+ \|/);
    expect(output).not.toContain("secret");
  }, 120_000);
});
