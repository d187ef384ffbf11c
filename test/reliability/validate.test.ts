/**
 * Optional response validation (`validateResponses: responseValidator()`): every example the Prism mock serves
 * passes, a body that breaks the schema is refused with the JSON path of the problem, and the schemas compile once.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };
import { createJobsClient, type JobsClient, JobsApiError } from "../../src/index.js";
import { createSpecValidator, responseValidator } from "../../src/validate.js";
import {
  CASE_CLIENT_OPTIONS,
  CLIENT_ID,
  type HostileCase,
  type HostileServers,
  job,
  JOB_ID,
  SECRET,
  startHostileServers,
  TOKEN,
  WORKFLOW_ID,
} from "./hostile-server.js";
import { everythingShown, guard } from "./support.js";
import { deref as derefIn } from "../../src/json-pointer.js";

type Json = Record<string, any>;
const deref = (node: Json | undefined) => derefIn<Json | undefined>(spec, node);

/** Every named example of every response of every operation in the bundled spec. */
function examples(): { operationId: string; status: number; name: string; value: unknown }[] {
  const out: { operationId: string; status: number; name: string; value: unknown }[] = [];
  for (const item of Object.values<Json>(spec.paths)) {
    for (const op of Object.values<Json>(item)) {
      if (!op?.operationId) continue;
      for (const [code, response] of Object.entries<Json>(op.responses)) {
        for (const [name, example] of Object.entries<Json>(
          deref(response)?.content?.["application/json"]?.examples ?? {},
        )) {
          out.push({ operationId: op.operationId, status: Number(code), name, value: deref(example)?.value });
        }
      }
    }
  }
  return out;
}

const CALLS: Record<string, (c: JobsClient) => Promise<unknown>> = {
  listJobs: (c) => c.listJobs({ statuses: ["Queued", "Running"], limit: 10, allUsers: true }),
  getJob: (c) => c.getJob(JOB_ID),
  cancelJob: (c) => c.cancelJob(JOB_ID),
  getJobMessages: (c) => c.getJobMessages(JOB_ID),
  listWorkflowJobs: (c) => c.listWorkflowJobs(WORKFLOW_ID, { limit: 10 }),
  enqueueJob: (c) => c.enqueueJob(WORKFLOW_ID, { priority: "High" }),
  requestToken: (c) => c.getToken(),
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("against the Prism mock", () => {
  const all = examples();
  const successes = all.filter((e) => e.status < 300);

  // cancelJob's 200 declares no body (no source gives one), so it has no example to check.
  it("the spec has 2xx examples for every operation with a 2xx body", () => {
    const withBody = Object.keys(CALLS).filter((operationId) => operationId !== "cancelJob");
    expect(new Set(successes.map((e) => e.operationId))).toEqual(new Set(withBody));
  });

  it.each(successes.map((e) => [e.operationId, e.name, e] as const))(
    "%s example %s passes validation through the client",
    async (operationId, name, { status }) => {
      const ayx = createJobsClient({
        baseUrl: inject("mockUrl"),
        auth: operationId === "requestToken" ? { clientId: "key", clientSecret: "secret" } : { token: "t" },
        headers: { Prefer: `code=${status}, example=${name}` },
        validateResponses: responseValidator(),
        retry: 0,
      });
      const result = await CALLS[operationId]!(ayx).catch((e) => e);
      expect(result instanceof JobsApiError ? everythingShown(result) : "").toBe("");
    },
  );

  it("every example of every status, errors included, fits its schema", () => {
    const validate = responseValidator();
    const problems = all.flatMap((e) =>
      validate(e.operationId, e.status, e.value).map(
        (v) => `${e.operationId} ${e.status} ${e.name}: ${v.path} ${v.message}`,
      ),
    );
    expect(problems).toEqual([]);
  });
});

describe("against the hostile server", () => {
  const pagination = {
    currentPage: 1,
    pageSize: 50,
    totalItems: 1,
    totalPages: 1,
    hasNextPage: false,
    hasPreviousPage: false,
  };
  const body = (value: unknown) => (ctx: Parameters<NonNullable<HostileCase["respond"]>>[0]) => {
    const text = JSON.stringify(value);
    ctx.res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    ctx.res.end(text);
  };
  const cases: HostileCase[] = [
    {
      id: "no-job-id",
      fault: "",
      server: "",
      client: "",
      callText: "listJobs",
      call: (c) => c.listJobs(),
      respond: body({ data: [{ status: "Queued" }], pagination }),
      expected: { outcome: "rejects", kind: "invalid-response", message: /\$\.data\[0\]\.jobId/ },
    },
    {
      id: "wrong-type",
      fault: "",
      server: "",
      client: "",
      callText: "getJob",
      call: (c) => c.getJob(JOB_ID),
      respond: body({ ...job(JOB_ID), createDateTime: 12, runWithE2: "yes" }),
      expected: {
        outcome: "rejects",
        kind: "invalid-response",
        message: /\$\.createDateTime must be string.*\$\.runWithE2 must be boolean/,
      },
    },
    {
      id: "bad-pagination",
      fault: "",
      server: "",
      client: "",
      callText: "listJobs",
      call: (c) => c.listJobs(),
      respond: body({ data: [], pagination: { ...pagination, currentPage: "one" } }),
      expected: {
        outcome: "rejects",
        kind: "invalid-response",
        message: /\$\.pagination\.currentPage must be integer/,
      },
    },
    {
      id: "valid",
      fault: "",
      server: "",
      client: "",
      callText: "getJob",
      call: (c) => c.getJob(JOB_ID),
      respond: body(job(JOB_ID)),
      expected: { outcome: "resolves" },
    },
  ];
  let servers: HostileServers;
  beforeAll(async () => {
    servers = await startHostileServers(cases);
  });
  afterAll(() => servers?.close());

  it.each(cases.map((c) => [c.id, c] as const))("%s", async (_, c) => {
    const ayx = createJobsClient({
      baseUrl: servers.baseUrlFor(c),
      auth: { clientId: CLIENT_ID, clientSecret: SECRET },
      ...CASE_CLIENT_OPTIONS,
      validateResponses: responseValidator(),
    });
    const result = await guard(
      c.call(ayx).catch((e: unknown) => e),
      10_000,
      c.id,
    );
    if (c.expected.outcome === "resolves") return expect(result).toMatchObject({ id: JOB_ID });
    expect(result).toBeInstanceOf(JobsApiError);
    expect(result).toMatchObject({ kind: c.expected.kind, status: 200, operationId: c.callText });
    expect((result as Error).message).toMatch(c.expected.message);
    expect((result as Error).message).toMatch(/does not match the spec/);
    expect(everythingShown(result)).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
  });
});

describe("schemas compile once", () => {
  const page = (i: number) => ({
    data: [
      {
        jobId: `job${i}`,
        status: "Queued",
        workflowName: "W.yxmd",
        workflowId: WORKFLOW_ID,
        submittedBy: "Jane",
        startTime: null,
        queueTime: "2025-10-01T13:54:26Z",
        executionTime: null,
        priority: "Low",
      },
    ],
    pagination: {
      currentPage: 1,
      pageSize: 1,
      totalItems: 1,
      totalPages: 1,
      hasNextPage: false,
      hasPreviousPage: false,
    },
  });

  it("one validator loads the spec into Ajv once and looks each schema up once, however often it is called", () => {
    const addSchema = vi.spyOn(Ajv2020.prototype, "addSchema");
    const getSchema = vi.spyOn(Ajv2020.prototype, "getSchema");
    const validate = responseValidator();
    expect(addSchema).not.toHaveBeenCalled(); // lazily: nothing happens before the first response

    for (let i = 0; i < 100; i++) {
      expect(validate("listJobs", 200, page(i))).toEqual([]);
      expect(validate("getJob", 200, job(`j${i}`))).toEqual([]);
    }
    expect(validate("listJobs", 200, { data: [{}], pagination: {} }).length).toBeGreaterThan(0);

    const specLoads = addSchema.mock.calls.filter(([schema]) => (schema as { $id?: string })?.$id === "spec");
    expect(specLoads).toHaveLength(1);
    const { responseSchemaPointer } = createSpecValidator();
    const lookups = getSchema.mock.calls.map(([key]) => key);
    expect(lookups.filter((k) => k === `spec${responseSchemaPointer("listJobs", 200)}`)).toHaveLength(1);
    expect(lookups.filter((k) => k === `spec${responseSchemaPointer("getJob", 200)}`)).toHaveLength(1);
    // Each lookup compiled (or found) one function; the same function served all 100 calls.
    const functions = getSchema.mock.results.map((r) => r.value as unknown);
    expect(functions.every((f) => typeof f === "function")).toBe(true);
    expect(new Set(functions).size).toBe(functions.length);
  });

  it("a client with a validator reuses it across calls", async () => {
    const addSchema = vi.spyOn(Ajv2020.prototype, "addSchema");
    const ayx = createJobsClient({
      baseUrl: inject("mockUrl"),
      auth: { token: "t" },
      validateResponses: responseValidator(),
      retry: 0,
    });
    for (let i = 0; i < 20; i++) await ayx.getJob(JOB_ID);
    expect(addSchema.mock.calls.filter(([schema]) => (schema as { $id?: string })?.$id === "spec")).toHaveLength(1);
  });
});
