/**
 * The conformance scenarios, written once as functions of a target (base URL and credentials), and run
 * against the Prism mock, the simulator behind `prism proxy`, and a live server. They go through the client.
 */
import { afterEach, describe, expect, it } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };
import { createJobsClient, type JobsClient, JobsApiError, type JobsClientOptions } from "../../src/index.js";

export interface Target {
  name: string;
  /** The API root: the mock's root, or `.../webapi` of a server. */
  baseUrl: string;
  credentials: { clientId: string; clientSecret: string };
  /** Prism mock: responses are chosen with Prefer headers and nothing is remembered. */
  prefer: boolean;
  /** The target remembers what happened, so results can be compared across calls. */
  stateful: boolean;
  /** Scenarios that queue or cancel jobs may run (only jobs they queued themselves are cancelled). */
  writes: boolean;
  /** A workflow to queue runs of, for targets that allow writes. */
  workflowId?: string;
  /** How long waitForJob may take on this target. */
  waitTimeoutMs?: number;
  /** Hears every unexpected violation (the conformance report collects them). */
  onViolations?: (violations: Violation[]) => void;
}

type OperationId = "listJobs" | "getJob" | "cancelJob" | "getJobMessages" | "listWorkflowJobs" | "enqueueJob" | "requestToken";
const SOME_JOB = "68dd3292c97fddfcc003adcb";
const SOME_WORKFLOW = "68dd32922a719467662d27c7";

/** A valid call of each operation through the client's facade. */
const CALLS: Record<OperationId, (client: JobsClient) => Promise<unknown>> = {
  listJobs: (c) => c.listJobs({ statuses: ["Queued", "Running", "Complete"], priorities: ["High", 6], completedAfter: new Date("2025-10-01"), allUsers: true, limit: 10 }),
  getJob: (c) => c.getJob(SOME_JOB, { includeMessages: true }),
  cancelJob: (c) => c.cancelJob(SOME_JOB),
  getJobMessages: (c) => c.getJobMessages(SOME_JOB),
  listWorkflowJobs: (c) => c.listWorkflowJobs(SOME_WORKFLOW, { status: "Complete", resultCode: "Success", sortField: "CreateDate", direction: "desc", limit: 10 }),
  enqueueJob: (c) => c.enqueueJob(SOME_WORKFLOW, { priority: "High", questions: [{ name: "Region", value: "EU" }] }),
  requestToken: (c) => c.getToken(),
};

/** What the facade returns for a response body (it normalizes messages and cancel outcomes). */
function facadeResult(operationId: OperationId, body: any): unknown {
  if (operationId === "getJobMessages") return Array.isArray(body) ? body : [body];
  if (operationId === "cancelJob") return { outcome: /delet/i.test(body.message) ? "deleted" : "cancelled", message: body.message };
  if (operationId === "requestToken") return body.access_token;
  return body;
}

type Example = { status: number; name: string; value: unknown };
const deref = (node: any): any => (node?.$ref ? node.$ref.slice(2).split("/").reduce((n: any, k: string) => n[k.replace(/~1/g, "/")], spec) : node);

/** Every documented status of every operation, and every named example of each, read from the bundled spec. */
export function documentedResponses(): { operationId: OperationId; status: number; examples: Example[] }[] {
  const out: { operationId: OperationId; status: number; examples: Example[] }[] = [];
  for (const item of Object.values<any>(spec.paths)) {
    for (const op of Object.values<any>(item)) {
      if (!op?.operationId) continue;
      for (const [code, response] of Object.entries<any>(op.responses)) {
        const examples = Object.entries<any>(deref(response).content?.["application/json"]?.examples ?? {}).map(([name, ex]) => ({ status: Number(code), name, value: deref(ex).value }));
        out.push({ operationId: op.operationId, status: Number(code), examples });
      }
    }
  }
  return out;
}

/** One spec violation that Prism reported, for the failing test and the conformance report. */
export interface Violation {
  request: string;
  location: string;
  message: string;
}

/** Records the spec violations Prism reports: `sl-violations` (mock) or a 422/500 problem with `validation` (proxy). */
function violationRecorder() {
  const found: Violation[] = [];
  const fetchAndRecord = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    const request = `${init?.method ?? "GET"} ${new URL(String(input)).pathname}`;
    const header = response.headers.get("sl-violations");
    let list: { location?: string[]; message?: string }[] = [];
    if (header) list = JSON.parse(header);
    else if ((response.status === 422 || response.status === 500) && /problem\+json/.test(response.headers.get("content-type") ?? "")) {
      list = (await response.clone().json().catch(() => ({}))).validation ?? [];
    }
    for (const v of list) found.push({ request, location: (v.location ?? []).join("."), message: v.message ?? "" });
    return response;
  }) as typeof fetch;
  return { found, fetch: fetchAndRecord };
}

export function conformanceScenarios(getTarget: () => Target, can: Pick<Target, "prefer" | "stateful" | "writes"> = getTarget()) {
  const recorder = violationRecorder();
  const client = (options: Partial<JobsClientOptions> = {}) => {
    const target = getTarget();
    return createJobsClient({ baseUrl: target.baseUrl, auth: target.credentials, fetch: recorder.fetch, retry: 0, ...options });
  };
  /** For calls whose invalidity is the point of the test. */
  const expectViolations = () => recorder.found.splice(0);

  afterEach(() => {
    // The client's own requests must always be valid for the spec, and so must the target's answers.
    const violations = recorder.found.splice(0);
    if (violations.length > 0) getTarget().onViolations?.(violations);
    expect(violations).toEqual([]);
  });

  describe("every target", () => {
    it("gets a token with the client credentials and lists a page of jobs", async () => {
      const ayx = client();
      expect(typeof (await ayx.getToken())).toBe("string");
      const page = await ayx.listJobs({ limit: 5, sortField: "CreateDate", direction: "desc", allUsers: true });
      expect(Array.isArray(page.data)).toBe(true);
      expect(page.pagination.currentPage).toBeGreaterThanOrEqual(1);
      if (getTarget().stateful) {
        expect(page.data.length).toBeLessThanOrEqual(5);
        expect(page.pagination.pageSize).toBe(5);
      }
    });

    it("reads the first listed job, with and without messages, and its messages", async () => {
      const ayx = client();
      const [first] = (await ayx.listJobs({ limit: 1, allUsers: true })).data;
      if (!first) return; // an empty server has nothing to read
      const full = await ayx.getJob(first.jobId);
      const reduced = await ayx.getJob(first.jobId, { includeMessages: false });
      const messages = await ayx.getJobMessages(first.jobId);
      expect(typeof full.status).toBe("string");
      expect(Array.isArray(messages)).toBe(true);
      if (getTarget().stateful) {
        expect(full.id).toBe(first.jobId);
        expect(reduced.id).toBe(first.jobId);
        expect(reduced).not.toHaveProperty("messages");
        expect(Array.isArray(full.messages)).toBe(true);
      }
    });

    it("lists the jobs of a workflow as a bare array", async () => {
      const ayx = client();
      const [first] = (await ayx.listJobs({ limit: 1, allUsers: true })).data;
      const jobs = await ayx.listWorkflowJobs(first?.workflowId ?? SOME_WORKFLOW, { limit: 20 });
      expect(Array.isArray(jobs)).toBe(true);
      if (getTarget().stateful && first) expect(jobs.length).toBeGreaterThan(0);
    });

    it("a request without a token gets 401, and the client reports it", async () => {
      const error = await client({ auth: { token: "" } }).listJobs().catch((e) => e);
      expect(error).toBeInstanceOf(JobsApiError);
      expect(error).toMatchObject({ kind: "http", status: 401, operationId: "listJobs" });
      expectViolations(); // Prism counts the missing credential as a request violation
    });

    it("wrong client credentials are refused by the token endpoint", async () => {
      const target = getTarget();
      const error = await client({ auth: { clientId: target.credentials.clientId, clientSecret: "wrong-secret" } }).getToken().catch((e) => e);
      if (target.prefer) return expect(typeof error).toBe("string"); // the mock accepts any credentials
      expect(error).toMatchObject({ kind: "http", operationId: "requestToken" });
      expect([400, 401]).toContain(error.status);
    });

    it.each([
      ["a bad status value", { statuses: ["Bogus"] }, "statuses"],
      ["a malformed date", { completedAfter: "2025-13-45" }, "completedAfter"],
      ["limit 0", { limit: 0 }, "limit"],
    ])("refuses %s before sending, naming the parameter", async (_, query, name) => {
      const error = await client().listJobs(query as never).catch((e) => e);
      expect(error).toMatchObject({ kind: "invalid-request" });
      expect(error.message).toContain(`"${name}"`);
    });

    it.each([
      ["a bad status value", { statuses: ["Bogus"] }, "statuses"],
      ["a malformed date", { completedAfter: "2025-13-45" }, "completedAfter"],
      ["limit 0", { limit: 0 }, "limit"],
    ])("with client checks off, the server refuses %s and the error says why", async (_, query, name) => {
      const target = getTarget();
      const error = await client({ checkRequests: false, auth: { token: await client().getToken() } }).listJobs(query as never).catch((e) => e);
      const violations = expectViolations();
      expect(error).toBeInstanceOf(JobsApiError);
      expect(error.kind).toBe("http");
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
      // Prism says why in its violations (lower-casing parameter names); the server, in its message or body.
      const why = target.name === "live" ? "" : JSON.stringify(violations);
      if (target.name !== "live") expect(`${error.message} ${JSON.stringify(error.body)} ${why}`.toLowerCase()).toContain(name.toLowerCase());
    });
  });

  if (can.prefer) describe("every documented status and example (Prism's Prefer header)", () => {
    const responses = documentedResponses();
    const clientFor = (operationId: OperationId, prefer: string) =>
      client({ headers: { Prefer: prefer }, ...(operationId === "requestToken" ? {} : { auth: { token: "conformance-token" } }) });

    it("covers all seven operations", () => {
      expect(new Set(responses.map((r) => r.operationId)).size).toBe(7);
    });

    it.each(responses.map((r) => [r.operationId, r.status, r] as const))("%s answering %i", async (operationId, status, { examples }) => {
      const call = CALLS[operationId](clientFor(operationId, `code=${status}`));
      if (status < 300) {
        const result = await call;
        if (examples[0]) expect(result).toEqual(facadeResult(operationId, examples[0].value));
      } else {
        const error = (await call.catch((e: unknown) => e)) as JobsApiError;
        expect(error).toBeInstanceOf(JobsApiError);
        expect(error).toMatchObject({ kind: "http", status, operationId });
        const body = examples[0]?.value as Record<string, string> | undefined;
        if (body) {
          expect(error.body).toEqual(body);
          expect(error.serverMessage).toBe(body.message ?? body.error_description);
          expect(error.message).toContain(error.serverMessage);
        }
      }
    });

    const named = responses.flatMap((r) => r.examples.map((e) => [r.operationId, e.name, r.status, e] as const));
    it.each(named)("%s example %s (%i) arrives intact", async (operationId, name, status, { value }) => {
      const call = CALLS[operationId](clientFor(operationId, `code=${status}, example=${name}`));
      if (status < 300) expect(await call).toEqual(facadeResult(operationId, value));
      else expect(((await call.catch((e: unknown) => e)) as JobsApiError).body).toEqual(value);
    });
  });

  if (can.stateful) describe("a target that remembers (stateful)", () => {
    it("paging covers every job exactly once, sequentially and concurrently", async () => {
      const ayx = client();
      const total = (await ayx.listJobs({ limit: 1, allUsers: true })).pagination.totalItems;
      if (total > 5_000) return; // a busy live server changes while it is paged
      const ids = async (concurrency: number) => {
        const out: string[] = [];
        for await (const job of ayx.iterateJobs({ allUsers: true, sortField: "CreateDate", direction: "asc" }, { pageSize: 37, concurrency })) out.push(job.jobId);
        return out;
      };
      const sequential = await ids(1);
      expect(sequential).toHaveLength(total);
      expect(new Set(sequential).size).toBe(total);
      expect(await ids(3)).toEqual(sequential);
    });

    it("an unknown job id is 404 for reading, messages and cancelling", async () => {
      const ayx = client();
      const unknown = "000000000000000000000000";
      for (const call of [() => ayx.getJob(unknown), () => ayx.getJobMessages(unknown), () => ayx.cancelJob(unknown)]) {
        await expect(call()).rejects.toMatchObject({ kind: "http", status: 404 });
      }
    });
  });

  if (can.stateful && can.writes) describe("jobs that change (stateful targets that allow writes)", () => {
    it("queues a job, waits for it, and then cannot cancel it", async () => {
      const target = getTarget();
      const ayx = client();
      const queued = await ayx.enqueueJob(target.workflowId!, { priority: "Low" });
      expect(queued.status).toBe("Queued");
      const polls: string[] = [];
      const done = await ayx.waitForJob(queued.id, { timeoutMs: target.waitTimeoutMs ?? 60_000, initialIntervalMs: 20, maxIntervalMs: 200, onPoll: (j) => polls.push(j.status) });
      expect(done).toMatchObject({ id: queued.id, status: "Completed" });
      expect(typeof done.disposition).toBe("string");
      expect(Array.isArray(done.messages)).toBe(true);
      expect(polls.at(-1)).toBe("Completed");
      const refused = await ayx.cancelJob(queued.id).catch((e) => e);
      expect(refused).toMatchObject({ kind: "http", status: 400, reason: "not-cancellable" });
    });

    it("cancels a job it just queued: deleted if still queued (then 404), cancelled if running", async () => {
      const target = getTarget();
      const ayx = client();
      const queued = await ayx.enqueueJob(target.workflowId!);
      const { outcome, message } = await ayx.cancelJob(queued.id);
      if (outcome === "deleted") {
        expect(message).toBe("Deleted Successfully.");
        await expect(ayx.getJob(queued.id)).rejects.toMatchObject({ status: 404 });
      } else {
        expect(message).toBe("Cancelled Successfully.");
        expect((await ayx.getJob(queued.id)).status).toBe("Cancelled");
      }
    });
  });
}
