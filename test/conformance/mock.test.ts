/**
 * The client against the Prism mock started by the global setup: every documented status and named example of
 * every operation arrives intact (chosen with Prism's Prefer header), the client's own requests are valid for the
 * spec, and the client refuses bad input before sending. What a real server does is the conformance run's job
 * (cli/src/conformance, tested in runner.test.ts); the mock only proves the client and the spec agree.
 */
import { afterEach, describe, expect, inject, it } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };
import { operations } from "../../generated/operations.js";
import { type Violation, recordingFetch } from "../../cli/src/conformance/index.js";
import { createJobsClient, type JobsClient, JobsApiError, type JobsClientOptions } from "../../src/index.js";
import { deref as derefIn } from "../../src/json-pointer.js";

type OperationId = keyof typeof operations;
const SOME_JOB = "68dd3292c97fddfcc003adcb";
const SOME_OUTPUT = "68dd32a1c97fddfcc003adcd";
const SOME_WORKFLOW = "68dd32922a719467662d27c7";

/** A valid call of each operation through the client's facade. */
const CALLS: Record<OperationId, (client: JobsClient) => Promise<unknown>> = {
  listJobs: (c) =>
    c.listJobs({
      statuses: ["Queued", "Running", "Complete"],
      priorities: ["High", 6],
      completedAfter: new Date("2025-10-01"),
      allUsers: true,
      limit: 10,
    }),
  getJob: (c) => c.getJob(SOME_JOB, { includeMessages: true }),
  cancelJob: (c) => c.cancelJob(SOME_JOB),
  getJobMessages: (c) => c.getJobMessages(SOME_JOB),
  listWorkflowJobs: (c) =>
    c.listWorkflowJobs(SOME_WORKFLOW, {
      status: "Complete",
      resultCode: "Success",
      sortField: "CreateDate",
      direction: "desc",
      limit: 10,
    }),
  enqueueJob: (c) => c.enqueueJob(SOME_WORKFLOW, { priority: "High", questions: [{ name: "Region", value: "EU" }] }),
  requestToken: (c) => c.getToken(),
  getJobOutput: async (c) => {
    const file = await c.getJobOutput(SOME_JOB, SOME_OUTPUT, { format: "Csv" });
    return { ...file, body: await new Response(file.body).text() };
  },
};

/** What the facade returns for a response body (it normalizes messages and cancel outcomes). */
function facadeResult(operationId: OperationId, body: any): unknown {
  if (operationId === "getJobMessages") return Array.isArray(body) ? body : [body];
  if (operationId === "cancelJob")
    return { outcome: /delet/i.test(body.message) ? "deleted" : "cancelled", message: body.message };
  if (operationId === "requestToken") return body.access_token;
  return body;
}

type Example = { status: number; name: string; value: unknown };
const deref = (node: unknown): any => derefIn(spec, node);

/** Every documented status of every operation, and every named example of each, read from the bundled spec. */
function documentedResponses(): { operationId: OperationId; status: number; examples: Example[] }[] {
  const out: { operationId: OperationId; status: number; examples: Example[] }[] = [];
  for (const item of Object.values<any>(spec.paths)) {
    for (const op of Object.values<any>(item)) {
      if (!op?.operationId) continue;
      for (const [code, response] of Object.entries<any>(op.responses)) {
        const examples = Object.entries<any>(deref(response).content?.["application/json"]?.examples ?? {}).map(
          ([name, ex]) => ({ status: Number(code), name, value: deref(ex).value }),
        );
        out.push({ operationId: op.operationId, status: Number(code), examples });
      }
    }
  }
  return out;
}

const recorded: Violation[] = [];
const client = (options: Partial<JobsClientOptions> = {}) =>
  createJobsClient({
    baseUrl: inject("mockUrl"), // Prism serves the spec's paths at its root, without /webapi
    auth: { clientId: "any-key", clientSecret: "any-secret" },
    fetch: recordingFetch((found) => recorded.push(...found)),
    retry: 0,
    ...options,
  });
/** For calls whose invalidity is the point of the test. */
const takeViolations = () => recorded.splice(0);

afterEach(() => {
  // The client's own requests must always be valid for the spec.
  expect(takeViolations()).toEqual([]);
});

describe("the client against the Prism mock", () => {
  it("gets a token with the client credentials and lists a page of jobs", async () => {
    const ayx = client();
    expect(await ayx.getToken()).toMatch(/\S/);
    const page = await ayx.listJobs({ limit: 5, sortField: "CreateDate", direction: "desc", allUsers: true });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.pagination.currentPage).toBeGreaterThanOrEqual(1);
  });

  it("Prism answers a request without a token with 401, and the client reports it", async () => {
    const error = await client({ auth: { token: "" } })
      .listJobs()
      .catch((e) => e);
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({ kind: "http", status: 401, operationId: "listJobs" });
    // Prism, not a server, answered: its own reason says so.
    expect(takeViolations()).toEqual([
      { request: "GET /v3/jobs", location: "request", message: "Invalid security scheme used" },
    ]);
  });

  const bad = [
    ["a bad status value", { statuses: ["Bogus"] }, "statuses"],
    ["a malformed date", { completedAfter: "2025-13-45" }, "completedAfter"],
    ["a limit that is not a whole number", { limit: 2.5 }, "limit"],
  ] as const;

  it.each(bad)("refuses %s before sending, naming the parameter", async (_, query, name) => {
    const error = await client()
      .listJobs(query as never)
      .catch((e) => e);
    expect(error).toMatchObject({ kind: "invalid-request" });
    expect(error.message).toContain(`"${name}"`);
  });

  it.each(bad)(
    "with client checks off, Prism refuses %s and its sl-violations header names the parameter",
    async (_, query, name) => {
      const token = await client().getToken();
      const error = await client({ checkRequests: false, auth: { token } })
        .listJobs(query as never)
        .catch((e) => e);
      expect(error).toMatchObject({ kind: "http", status: 400, operationId: "listJobs" });
      const violations = takeViolations();
      // Prism lower-cases parameter names in its reasons.
      expect(violations.map((v) => `${v.location} ${v.message}`.toLowerCase()).join("\n")).toContain(
        name.toLowerCase(),
      );
    },
  );
});

describe("every documented status and example (Prism's Prefer header)", () => {
  const responses = documentedResponses();
  const clientFor = (operationId: OperationId, prefer: string) =>
    client({
      headers: { Prefer: prefer },
      ...(operationId === "requestToken" ? {} : { auth: { token: "conformance-token" } }),
    });

  it("covers every operation", () => {
    expect(new Set(responses.map((r) => r.operationId))).toEqual(new Set(Object.keys(operations)));
  });

  it.each(responses.map((r) => [r.operationId, r.status, r] as const))(
    "%s answering %i",
    async (operationId, status, { examples }) => {
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
    },
  );

  const named = responses.flatMap((r) => r.examples.map((e) => [r.operationId, e.name, r.status, e] as const));
  it.each(named)("%s example %s (%i) arrives intact", async (operationId, name, status, { value }) => {
    const call = CALLS[operationId](clientFor(operationId, `code=${status}, example=${name}`));
    if (status < 300) expect(await call).toEqual(facadeResult(operationId, value));
    else expect(((await call.catch((e: unknown) => e)) as JobsApiError).body).toEqual(value);
  });
});
