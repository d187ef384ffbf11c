/**
 * `alteryx-jobs mcp` in memory: the SDK's Client and the server joined by InMemoryTransport, against the real
 * simulator over loopback HTTP. Every tool is called; every result is validated against its output schema.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createJobsClient, type JobsClient } from "../../src/index.js";
import spec from "../../generated/openapi.json" with { type: "json" };
import { FIXED_START, type RunningSimulator, startSimulator } from "../../simulator/src/index.js";
import { createJobsMcpServer } from "../../cli/src/mcp/server.js";
import { byName, type Driver, type DriverOptions, drive, READ_TOOLS, seen, WRITE_TOOLS } from "./mcp-helpers.js";
import { runCli } from "./helpers.js";

vi.setConfig({ testTimeout: 60_000 });

/** A simulator whose clock runs (a queued run ends in about 80 ms), and one that all but stands still. */
let fast: RunningSimulator;
let still: RunningSimulator;
const clients: JobsClient[] = [];
const drivers: Driver[] = [];
let outputDir: string;

function clientOf(sim: RunningSimulator, role: "Curator" | "Artisan" = "Curator"): JobsClient {
  const user = sim.users.find((u) => u.role === role)!;
  const client = createJobsClient({
    baseUrl: sim.url,
    auth: { clientId: user.clientId, clientSecret: user.clientSecret },
  });
  clients.push(client);
  return client;
}

async function serve(
  client: JobsClient,
  options: { allowWrites?: boolean; outputDir?: string } & DriverOptions = {},
): Promise<Driver> {
  const server = createJobsMcpServer({ client, version: "test", ...options });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const driver = await drive(clientSide, options);
  drivers.push(driver);
  return driver;
}

beforeAll(async () => {
  [fast, still] = await Promise.all([
    startSimulator({ jobs: 300, seed: 5, timeScale: 100, start: FIXED_START }),
    startSimulator({ jobs: 300, seed: 5, timeScale: 0.001, start: FIXED_START }),
  ]);
  outputDir = mkdtempSync(join(tmpdir(), "mcp-outputs-"));
});
afterAll(async () => {
  await Promise.all(drivers.map((d) => d.close()));
  await Promise.all([fast?.close(), still?.close()]);
  rmSync(outputDir, { recursive: true, force: true });
});

describe("tools/list", () => {
  it("read-only by default: every tool has a title, a description, schemas and all four hints", async () => {
    const { tools } = await serve(clientOf(still));
    expect(tools.map((t) => t.name)).toEqual(READ_TOOLS);
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description!.length, tool.name).toBeGreaterThan(150);
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
      expect(tool.annotations).toEqual({
        title: tool.title,
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
    }
  });

  it("--allow-writes adds run_workflow and cancel_jobs; cancel is destructive", async () => {
    const { tools } = await serve(clientOf(still), { allowWrites: true });
    expect(tools.map((t) => t.name)).toEqual([...READ_TOOLS, ...WRITE_TOOLS]);
    expect(byName(tools, "cancel_jobs").annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName(tools, "run_workflow").annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
  });

  it("a write tool called without --allow-writes is refused and says how to offer it", async () => {
    const mcp = await serve(clientOf(still));
    await expect(mcp.client.callTool({ name: "cancel_jobs", arguments: { jobIds: ["x"] } })).rejects.toThrow(
      /--allow-writes/,
    );
  });

  it("output schemas are the spec's schemas, not retyped copies", async () => {
    const { tools } = await serve(clientOf(still));
    const defs = byName(tools, "get_job").outputSchema!.$defs as Record<string, { required?: string[] }>;
    const specJob = spec.components.schemas.Job;
    expect(defs.Job).toMatchObject({ description: specJob.description, required: specJob.required });
    expect(JSON.stringify(tools)).not.toMatch(/"x-[a-z-]+":/);
    expect(byName(tools, "list_jobs").inputSchema.properties!.statuses).toMatchObject({
      items: { enum: spec.components.parameters.Statuses.schema.items.enum },
    });
  });
});

describe("read tools", () => {
  it("list_jobs: one page is the client's page; a walk stops at maxJobs and says more remain", async () => {
    const client = clientOf(still);
    const mcp = await serve(client);
    const query = { statuses: ["Complete" as const], sortField: "CreateDate" as const, direction: "desc" as const };
    const page = await mcp.call("list_jobs", { ...query, limit: 7, offset: 3 });
    expect(page.isError).toBe(false);
    const expected = await client.listJobs({ ...query, limit: 7, offset: 3 });
    expect(page.data).toEqual({
      jobs: expected.data,
      returned: 7,
      truncated: true,
      nextOffset: 10,
      pagination: expected.pagination,
    });
    const walk = await mcp.call("list_jobs", { walk: true, limit: 50, maxJobs: 120 });
    const first120 = (await client.listJobs({ limit: 120 })).data;
    expect(walk.data).toMatchObject({ returned: 120, truncated: true, nextOffset: 120 });
    expect(walk.data.jobs).toEqual(first120);
    const whole = await mcp.call("list_jobs", { walk: true, limit: 100, maxJobs: 5000 });
    expect(whole.data).toMatchObject({ returned: 300, truncated: false, nextOffset: null });
  });

  it("get_job: errors and warnings first; get_job_messages: the same errors, counted", async () => {
    const client = clientOf(still);
    const mcp = await serve(client);
    const summary = await mcp.call("queue_summary", { since: "2025-01-01", until: "2026-01-01" });
    const failed = summary.data.failedRuns[0];
    expect(failed).toBeDefined();
    const got = await mcp.call("get_job", { jobId: failed.jobId });
    expect(got.data.finished).toBe(true);
    expect(got.data.job.disposition).toBe("Error");
    expect(got.data.errors.length).toBeGreaterThan(0);
    expect(got.data.errors.every((m: { status: number }) => m.status === 3)).toBe(true);
    expect(Object.keys(got.data)).toEqual(["errors", "warnings", "finished", "job"]);
    expect(got.data.job.messages[0]).toEqual(got.data.errors[0]);
    expect(got.text).toContain(`First error: ${got.data.errors[0].text}`);

    const messages = await mcp.call("get_job_messages", { jobId: failed.jobId, order: "server" });
    expect(messages.data.messages).toEqual(await client.getJobMessages(failed.jobId));
    expect(messages.data.counts.errors).toBe(got.data.errors.length);
  });

  it("list_workflow_jobs: the workflow's failed runs, as the client lists them", async () => {
    const client = clientOf(still);
    const mcp = await serve(client);
    const workflowId = still.workflows[0]!.id;
    const r = await mcp.call("list_workflow_jobs", { workflowId, resultCode: "Error", limit: 20 });
    expect(r.data).toEqual({
      workflowId,
      jobs: await client.listWorkflowJobs(workflowId, { resultCode: "Error", limit: 20 }),
    });
  });

  it("queue_summary: counts now, the oldest waiting and running, and the numbers of `alteryx-jobs stats`", async () => {
    const client = clientOf(still);
    const mcp = await serve(client);
    const window = ["--since", "2025-10-01", "--until", "2026-01-01"];
    const [r, cli] = await Promise.all([
      mcp.call("queue_summary", { since: "2025-10-01", until: "2026-01-01" }),
      runCli(["stats", ...window, "--json"], {
        ALTERYX_BASE_URL: still.url,
        ALTERYX_TOKEN: still.users.find((u) => u.role === "Curator")!.token,
      }),
    ]);
    expect(cli.code).toBe(0);
    const stats = JSON.parse(cli.stdout);
    for (const figure of ["window", "runs", "completed", "failures", "failureRate", "byStatus", "byDisposition"])
      expect(r.data[figure], figure).toEqual(stats[figure]);
    expect(r.data.queueWaitMs).toEqual(stats.queueWaitMs);
    expect(r.data.runTimeMs).toEqual(stats.runTimeMs);
    expect(stats.failures).toBeGreaterThan(0);
    expect(r.data.failedRuns).toHaveLength(Math.min(25, stats.failures));
    const failingRuns = r.data.failingWorkflows.reduce((n: number, w: { failures: number }) => n + w.failures, 0);
    expect(failingRuns).toBe(stats.failures);

    for (const status of ["Queued", "Initializing", "Running", "Complete"] as const) {
      const page = await client.listJobs({ statuses: [status], allUsers: true, limit: 1 });
      expect(r.data.countsByStatus[status], status).toBe(page.pagination.totalItems);
    }
    const queued = await client.listJobs({ statuses: ["Queued"], allUsers: true, limit: 1000 });
    const firstQueued = Math.min(...queued.data.map((j) => Date.parse(j.queueTime!)));
    expect(Date.parse(r.data.oldestQueued.queueTime)).toBe(firstQueued);
    expect(r.data.oldestRunning.status).toBe("Running");
  });

  it("queue_summary refuses a window that ends before it starts, in words", async () => {
    const mcp = await serve(clientOf(still));
    const r = await mcp.call("queue_summary", { since: "2025-10-02", until: "2025-10-01" });
    expect(r).toMatchObject({ isError: true, text: "until must be later than since" });
    const bad = await mcp.call("queue_summary", { since: "yesterday" });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^since: expected a date yyyy-MM-dd or a relative time/);
  });
});

describe("run_workflow, wait_for_job, get_job_outputs", () => {
  it("queues a run, waits for it with progress notifications, and says how it ended", async () => {
    const mcp = await serve(clientOf(fast), { allowWrites: true });
    const workflowId = fast.workflows[1]!.id;
    const queued = await mcp.call("run_workflow", {
      workflowId,
      priority: "High",
      questions: [{ name: "Region", value: "EU" }],
    });
    expect(queued.data.job).toMatchObject({ appId: workflowId, status: "Queued", priority: "High" });
    const progress: number[] = [];
    const done = await mcp.call("wait_for_job", { jobId: queued.data.job.id, timeoutSeconds: 60 }, (p) =>
      progress.push(p.progress),
    );
    expect(done.data).toMatchObject({ finished: true, timedOut: false, status: "Completed" });
    expect(done.data.disposition).toMatch(/^(Success|Warning|Error)$/);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual(progress.map((_, i) => i + 1));
  });

  it("wait_for_job is bounded: a job that does not finish in time comes back unfinished, not as an error", async () => {
    const client = clientOf(still);
    const mcp = await serve(client);
    const job = await client.enqueueJob(still.workflows[2]!.id, {});
    const r = await mcp.call("wait_for_job", { jobId: job.id, timeoutSeconds: 1 });
    expect(r.data).toMatchObject({ finished: false, timedOut: true, status: "Queued", job: null });
    await client.cancelJob(job.id);
  });

  it("get_job_outputs: small text inline, large or binary saved into --output-dir, nothing saved without it", async () => {
    const client = clientOf(fast);
    const job = await client.waitForJob((await client.enqueueJob(fast.workflows[3]!.id, {})).id, {
      initialIntervalMs: 50,
    });
    expect(job.outputs?.length).toBeGreaterThan(1);
    const mcp = await serve(client, { outputDir });
    const r = await mcp.call("get_job_outputs", { jobId: job.id });
    const inline = r.data.outputs.filter((o: { delivery: string }) => o.delivery === "inline");
    const saved = r.data.outputs.filter((o: { delivery: string }) => o.delivery === "saved");
    expect(inline.length).toBeGreaterThan(0);
    expect(saved.length).toBeGreaterThan(0);
    for (const o of inline) {
      const file = await client.getJobOutput(job.id, o.outputId, { format: o.format });
      expect(o.text).toBe(await new Response(file.body).text());
      expect(o.bytes).toBeLessThanOrEqual(65_536);
    }
    for (const o of saved) {
      expect(o.path.startsWith(join(outputDir, job.id))).toBe(true);
      expect(statSync(o.path).size).toBe(o.bytes);
    }

    const one = inline[0];
    const allSaved = await mcp.call("get_job_outputs", { jobId: job.id, outputId: one.outputId, inlineLimitBytes: 0 });
    expect(allSaved.data.outputs).toHaveLength(1);
    expect(allSaved.data.outputs[0].delivery).toBe("saved");
    expect(readFileSync(allSaved.data.outputs[0].path, "utf8")).toBe(one.text);

    const without = await serve(client);
    const r2 = await without.call("get_job_outputs", { jobId: job.id });
    const notSaved = r2.data.outputs.filter((o: { delivery: string }) => o.delivery === "not-saved");
    expect(notSaved.map((o: { outputId: string }) => o.outputId)).toEqual(
      saved.map((o: { outputId: string }) => o.outputId),
    );
    expect(notSaved[0].note).toMatch(/--output-dir/);

    const missing = await mcp.call("get_job_outputs", { jobId: job.id, outputId: "nope" });
    expect(missing).toMatchObject({ isError: true });
    expect(missing.text).toMatch(/^job \S+ has no output nope \(its outputs: /);
  });
});

describe("cancel_jobs", () => {
  let cancelSim: RunningSimulator;
  let client: JobsClient;
  beforeAll(async () => {
    cancelSim = await startSimulator({ jobs: 300, seed: 9, timeScale: 0.001 });
    client = clientOf(cancelSim);
  });
  afterAll(() => cancelSim.close());

  const queuedCount = async () =>
    (await client.listJobs({ statuses: ["Queued"], allUsers: true, limit: 1 })).pagination.totalItems;
  const enqueue = async (n: number) =>
    Promise.all(Array.from({ length: n }, () => client.enqueueJob(cancelSim.workflows[0]!.id, {})));

  it("dry run by default: lists what would happen, changes nothing", async () => {
    const mcp = await serve(client, { allowWrites: true });
    const before = await queuedCount();
    const r = await mcp.call("cancel_jobs", { filter: { statuses: ["Queued"], allUsers: true } });
    expect(r.data).toMatchObject({ dryRun: true, confirmation: "not-needed", results: [], cancelled: 0 });
    expect(r.data.targets).toHaveLength(before);
    expect(r.data.targets.every((t: { wouldDo: string }) => t.wouldDo === "delete")).toBe(true);
    expect(await queuedCount()).toBe(before);
  });

  it("without elicitation: a cancel by filter cancels nothing; only ids a dry run showed are cancelled", async () => {
    const mcp = await serve(client, { allowWrites: true });
    const before = await queuedCount();
    const byFilter = await mcp.call("cancel_jobs", {
      filter: { statuses: ["Queued"], allUsers: true },
      dryRun: false,
    });
    expect(byFilter.data).toMatchObject({ confirmation: "required", results: [], cancelled: 0 });
    expect(byFilter.text).toMatch(/^Nothing was cancelled: this client cannot ask the person to confirm/);
    expect(await queuedCount()).toBe(before);

    const jobs = await enqueue(2);
    const ids = jobs.map((j) => j.id);
    const unshown = await mcp.call("cancel_jobs", { jobIds: ids, dryRun: false });
    expect(unshown.data).toMatchObject({ confirmation: "required", cancelled: 0 });
    expect((await client.getJob(ids[0]!)).status).toBe("Queued");

    await mcp.call("cancel_jobs", { jobIds: ids });
    const done = await mcp.call("cancel_jobs", { jobIds: ids, dryRun: false });
    expect(done.data).toMatchObject({ confirmation: "dry-run-ids", cancelled: 2 });
    expect(done.data.results.map((r: { outcome: string }) => r.outcome)).toEqual(["deleted", "deleted"]);
    await expect(client.getJob(ids[0]!)).rejects.toMatchObject({ status: 404 });
  });

  it("with elicitation: the person is asked; yes cancels, no cancels nothing", async () => {
    const asked: string[] = [];
    let answer: "accept" | "decline" = "decline";
    const mcp = await serve(client, {
      allowWrites: true,
      elicit: (message) => {
        asked.push(message);
        return answer === "accept" ? { action: "accept", content: { confirm: true } } : { action: "decline" };
      },
    });
    const ids = (await enqueue(2)).map((j) => j.id);
    const declined = await mcp.call("cancel_jobs", { jobIds: ids, dryRun: false });
    expect(declined.data).toMatchObject({ confirmation: "declined", cancelled: 0, results: [] });
    expect(asked[0]).toMatch(/^Cancel 2 jobs on the Alteryx Server\?/);
    for (const id of ids) expect(asked[0]).toContain(id);
    expect((await client.getJob(ids[0]!)).status).toBe("Queued");

    answer = "accept";
    const before = await queuedCount();
    const confirmed = await mcp.call("cancel_jobs", {
      filter: { statuses: ["Queued"], allUsers: true, workflowNames: [cancelSim.workflows[0]!.name] },
      dryRun: false,
    });
    expect(confirmed.data.confirmation).toBe("elicitation");
    expect(confirmed.data.cancelled).toBeGreaterThanOrEqual(2);
    expect(await queuedCount()).toBe(before - confirmed.data.cancelled);
  });

  it("wait_for_job: a cancelled run has finished (the library's isFinished), and says so at once", async () => {
    const running = (await client.listJobs({ statuses: ["Running"], allUsers: true, limit: 1 })).data[0]!;
    expect((await client.cancelJob(running.jobId)).outcome).toBe("cancelled");
    const mcp = await serve(client);
    const r = await mcp.call("wait_for_job", { jobId: running.jobId, timeoutSeconds: 5 });
    expect(r.data).toMatchObject({ finished: true, timedOut: false, status: "Cancelled", polls: 1 });
  });

  it("a finished job is left alone: nothing to cancel, nothing sent", async () => {
    const mcp = await serve(client, {
      allowWrites: true,
      elicit: () => ({ action: "accept", content: { confirm: true } }),
    });
    const done = (await client.listJobs({ statuses: ["Complete"], limit: 1 })).data[0]!;
    const r = await mcp.call("cancel_jobs", { jobIds: [done.jobId], dryRun: false });
    expect(r.data).toMatchObject({ targets: [{ jobId: done.jobId, wouldDo: "nothing" }], results: [], cancelled: 0 });
  });
});

describe("errors are tool errors a person can act on", () => {
  it("an Artisan's key on a Curator-only tool says who may do it and what to do", async () => {
    const mcp = await serve(clientOf(still, "Artisan"));
    for (const [name, args] of [
      ["list_jobs", {}],
      ["queue_summary", {}],
      ["get_job_messages", { jobId: "x" }],
    ] as const) {
      const r = await mcp.call(name, args);
      expect(r.isError, name).toBe(true);
      expect(r.text).toMatch(
        /^The Alteryx Server refused .+ with 401\. The server said: "Authorization has been denied/,
      );
      expect(r.text).toContain("Only a Curator (a server administrator) may do this");
      expect(r.text).toContain("ask an administrator for a Curator's API key");
    }
  });

  it("a missing job: the operation, the status, the server's words and what to check; never a stack", async () => {
    const mcp = await serve(clientOf(still));
    const r = await mcp.call("get_job", { jobId: "000000000000000000000000" });
    expect(r.isError).toBe(true);
    expect(r.text).toBe(
      "getJob (GET /v3/jobs/000000000000000000000000) failed with 404 Not Found: Job not found. " +
        "(check the id, and that the server URL ends in /webapi)",
    );
    const bad = await mcp.call("list_jobs", { limit: 0, colour: "red" });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^invalid arguments for list_jobs: /);
    const day = await mcp.call("list_jobs", { completedAfter: "2025-13-45" });
    expect(day.text).toBe('invalid arguments for list_jobs: data/completedAfter must match format "date"');
    const writer = await serve(clientOf(still), { allowWrites: true });
    const question = await writer.call("run_workflow", { workflowId: "w", questions: [{ name: "Region" }] });
    expect(question.text).toBe(
      "invalid arguments for run_workflow: data/questions/0 must have required property 'value'",
    );
    expect(seen.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("a server that does not answer: a network error with what to check", async () => {
    const client = createJobsClient({ baseUrl: "http://127.0.0.1:9/webapi", auth: { token: "t0ken-never-shown" } });
    const mcp = await serve(client);
    const r = await mcp.call("get_job", { jobId: "x" });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^getJob \(GET \/v3\/jobs\/x\) failed: .+check the server URL/);
    expect(r.text).not.toContain("t0ken-never-shown");
  });
});

describe("resources", () => {
  it("the OpenAPI description, and each job as alteryx://jobs/{jobId}", async () => {
    const client = clientOf(still);
    const mcp = await serve(client);
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["alteryx://openapi.json"]);
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(["alteryx://jobs/{jobId}"]);
    const openapi = await mcp.client.readResource({ uri: "alteryx://openapi.json" });
    expect(JSON.parse((openapi.contents[0] as { text: string }).text)).toEqual(spec);
    const jobId = (await client.listJobs({ limit: 1 })).data[0]!.jobId;
    const job = await mcp.client.readResource({ uri: `alteryx://jobs/${jobId}` });
    expect(JSON.parse((job.contents[0] as { text: string }).text)).toEqual(await client.getJob(jobId));
    await expect(mcp.client.readResource({ uri: "alteryx://jobs/000000000000000000000000" })).rejects.toThrow(
      /getJob \(GET \/v3\/jobs\/000000000000000000000000\) failed with 404/,
    );
  });
});

describe("secrets", () => {
  it("no tool result, structured content or error carries a client secret or a token", async () => {
    expect(seen.length).toBeGreaterThan(40);
    const secrets = [...fast.users, ...still.users].flatMap((u) => [u.clientSecret, u.token]);
    const tokens = await Promise.all(clients.map((c) => c.getToken().catch(() => undefined)));
    const all = seen.join("\n");
    for (const secret of [...secrets, ...tokens.filter((t): t is string => !!t)]) expect(all).not.toContain(secret);
    expect(existsSync(outputDir)).toBe(true);
  });
});
