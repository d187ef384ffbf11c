/**
 * Bad input, many times: property-based tests with fast-check (1,000 runs each; a fixed seed in CI, and
 * fast-check prints the seed and the shrunk counterexample of any failure, so it can be replayed).
 *
 * The arbitraries are built from the parameter schemas the spec declares (generated/operations.ts), so the
 * properties follow the spec when it changes.
 */
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import type { ParamSchema } from "../../src/params.js";
import { job, WORKFLOW_ID } from "./hostile-server.js";

const RUNS = 1_000;
const params = { numRuns: RUNS, seed: process.env.CI ? 20261129 : undefined } satisfies fc.Parameters<unknown>;
const TIME_LIMIT = 120_000;

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries from the spec's parameter schemas
// ---------------------------------------------------------------------------------------------------------------

// The arbitraries also cover keywords the spec's parameters do not use today (the generator stops at them).
type Schema = ParamSchema & {
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema;
  oneOf?: readonly Schema[];
};
type Param = { in: string; required?: boolean; schema: Schema };
type OperationId = keyof typeof operations;
const paramsOf = (operationId: OperationId, location: "query" | "path") =>
  Object.entries(operations[operationId].parameters as Record<string, Param>).filter(([, p]) => p.in === location);

/** Text that URLs find awkward: separators, escapes, spaces, non-ASCII, emoji, combining marks. */
const awkwardChar = fc
  .oneof(
    { weight: 8, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        " ",
        "%",
        "+",
        "&",
        "=",
        "#",
        "?",
        "/",
        "\\",
        ";",
        "%2C",
        "%20",
        "ü",
        "Ω",
        "名",
        "😀",
        "e\u0301",
        "\u00a0",
      ),
    },
    { weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  )
  .filter((c) => c !== ",");
const codePoints = (s: string) => [...s].length;

/** Text within a schema's length bounds and its pattern (list items may not hold a comma: the server splits there). */
function textArb(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 64, 256);
  const pattern = schema.pattern ? new RegExp(schema.pattern, "u") : undefined;
  return fc
    .string({ unit: awkwardChar, minLength: min, maxLength: max })
    .filter((s) => codePoints(s) >= min && codePoints(s) <= max && (!pattern || pattern.test(s)));
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const dateArb = fc.date({
  min: new Date("0001-01-01T00:00:00Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

/** Values that fit a schema. Lists are kept short so a query stays well below the URL size servers accept. */
function validArb(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map(validArb));
  switch (schema.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    case "string":
      if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
      if (schema.format === "date") return fc.oneof(dateArb.map(dayOf), dateArb);
      return textArb(schema);
    case "array": {
      const items = validArb(schema.items ?? {});
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
      return schema.uniqueItems
        ? fc.uniqueArray(items, { ...constraints, selector: (v) => (v instanceof Date ? dayOf(v) : v) })
        : fc.array(items, constraints);
    }
    default:
      throw new Error(`no arbitrary for ${JSON.stringify(schema)}`);
  }
}

/** A random valid query of an operation: any subset of its query parameters. */
function queryArb(operationId: OperationId): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(paramsOf(operationId, "query").map(([name, p]) => [name, validArb(p.schema)])), {
    requiredKeys: [],
  });
}

// An independent judge of validity: Ajv with the same schema, on the value as it goes out (Dates as their UTC day).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false }));
const judges = new Map<Schema, (value: unknown) => boolean>();
/** String(v) that survives values without a usable toString. */
const asText = (v: unknown) => {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
};
const outgoing = (v: unknown): unknown =>
  v instanceof Date ? (Number.isNaN(v.getTime()) ? "Invalid Date" : dayOf(v)) : v;
function specAllows(schema: Schema, value: unknown): boolean {
  let judge = judges.get(schema);
  if (!judge) judges.set(schema, (judge = ajv.compile(schema as object) as (value: unknown) => boolean));
  const normalized = Array.isArray(value) ? value.map(outgoing) : outgoing(value);
  // Ajv has no type for these; for the spec they are simply not allowed.
  if (typeof normalized === "bigint" || typeof normalized === "symbol" || typeof normalized === "function")
    return false;
  if (
    Array.isArray(normalized) &&
    normalized.some((v) => typeof v === "bigint" || typeof v === "symbol" || v === undefined)
  )
    return false;
  try {
    return judge(normalized);
  } catch {
    return false;
  }
}

// What a spec-checking server makes of the text it reads back: Prism checks query parameters with Ajv's
// `coerceTypes: true`, so "+0", "00", "1e1" and "0x10" are integers (as they are to most servers' number
// parsers) and "true" is a boolean. Seed 732553138 once drew offset "+0" that a hand-written reading called
// invalid: ask the same Ajv instead. Ajv coerces in place, so it gets a copy.
const coercingAjv = addFormats(new Ajv2020({ strict: false, coerceTypes: true }));
const serverJudges = new Map<Schema, (value: unknown) => boolean>();
function serverAccepts(schema: Schema, text: string | string[]): boolean {
  let judge = serverJudges.get(schema);
  if (!judge) serverJudges.set(schema, (judge = coercingAjv.compile(schema as object) as (value: unknown) => boolean));
  return judge(structuredClone(text));
}

/** Any sort of JavaScript value a careless caller might pass. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: awkwardChar, maxLength: 12 }),
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1.5, 2 ** 31, 1e21, -0),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(
    new Date("+010000-01-01T00:00:00Z"),
    new Date(Number.NaN),
    Symbol("x"),
    Object.create(null),
    { toString: 0 },
    () => "x",
    "\ud800",
    "a\udc00b",
  ),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
);

/** Values a schema does not allow: targeted mistakes plus anything at all, each confirmed invalid by Ajv. */
function invalidArb(schema: Schema): fc.Arbitrary<unknown> {
  const targeted: fc.Arbitrary<unknown>[] = [anyValue];
  if (schema.type === "integer") {
    if (schema.minimum !== undefined) targeted.push(fc.integer({ min: -(2 ** 40), max: schema.minimum - 1 }));
    if (schema.maximum !== undefined) targeted.push(fc.integer({ min: schema.maximum + 1, max: 2 ** 40 }));
    targeted.push(fc.double({ noInteger: true }), fc.integer().map(String));
  }
  if (schema.type === "string" && schema.enum)
    targeted.push(
      fc.constantFrom(...(schema.enum as string[])).map((v) => v.toLowerCase()),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
  if (schema.format === "date") {
    targeted.push(
      fc.constantFrom(
        "2025-13-01",
        "2025-02-30",
        "2025-1-1",
        "01/10/2025",
        "2025-10-01T00:00:00Z",
        "yesterday",
        "",
        "20251001",
      ),
      dateArb.map((d) => dayOf(d).replace(/-/g, "/")),
    );
  }
  if (schema.type === "string" && !schema.enum && !schema.format)
    targeted.push(fc.constant(""), fc.string({ minLength: 257, maxLength: 300 }), fc.constantFrom("\ud83d", "x\udfff"));
  if (schema.type === "boolean") targeted.push(fc.constantFrom("true", "false", 0, 1, "yes"));
  if (schema.type === "array" && schema.items) {
    const item = validArb(schema.items);
    targeted.push(
      fc.constant([]),
      item, // a single value instead of a list
      fc.tuple(item, invalidArb(schema.items)).map(([a, b]) => [a, b]),
      item.map((v) => [v, v]), // repeated
    );
    // Too many values (only where the items allow that many distinct values).
    const tooMany = (schema.maxItems ?? 100) + 1;
    if (schema.items.oneOf || schema.items.type === "integer")
      targeted.push(fc.constant(Array.from({ length: tooMany }, (_, i) => i)));
    else if (schema.items.type === "string" && !schema.items.enum)
      targeted.push(fc.constant(Array.from({ length: tooMany }, (_, i) => `u${i}`)));
  }
  if (schema.oneOf) targeted.push(fc.constantFrom("Highest", "low", "-1", -1, 1.5, true));
  return fc.oneof(...targeted).filter((v) => v !== undefined && !specAllows(schema, v));
}

// ---------------------------------------------------------------------------------------------------------------
// The wire as a server that follows the spec reads it
// ---------------------------------------------------------------------------------------------------------------

/** Reads a query string the way the spec defines it (form, explode false): split at literal commas, then decode. */
function readQuery(search: string, arrays: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of search.replace(/^\?/, "").split("&").filter(Boolean)) {
    const [name, value = ""] = pair.split("=") as [string, string?];
    const key = decodeURIComponent(name);
    out[key] = arrays.has(key) ? value.split(",").map(decodeURIComponent) : decodeURIComponent(value);
  }
  return out;
}
/** What the client should put on the wire for a query: Dates as their UTC day, everything as text. */
function expectedWire(query: Record<string, unknown>, arrays: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[name] = arrays.has(name) ? (value as unknown[]).map((v) => String(outgoing(v))) : String(outgoing(value));
  }
  return out;
}

/** A fetch that records what was sent and every sl-violations header Prism answered with. */
function recordingFetch() {
  const sent: URL[] = [];
  const violations: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new URL(String(input instanceof Request ? input.url : input)));
    const response = await globalThis.fetch(input, init);
    const header = response.headers.get("sl-violations");
    if (header) violations.push(header);
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, sent, violations };
}

// ---------------------------------------------------------------------------------------------------------------

describe("random valid listJobs queries against the Prism mock", () => {
  const arrays = new Set(
    paramsOf("listJobs", "query")
      .filter(([, p]) => p.schema.type === "array")
      .map(([name]) => name),
  );

  it(`never produce a request violation (${RUNS} runs)`, { timeout: TIME_LIMIT }, async () => {
    const recorder = recordingFetch();
    const ayx = createJobsClient({
      baseUrl: inject("mockUrl"),
      auth: { token: "t" },
      fetch: recorder.fetch,
      retry: 0,
      timeoutMs: 10_000,
    });
    await fc.assert(
      fc.asyncProperty(queryArb("listJobs"), async (query) => {
        recorder.sent.length = 0;
        recorder.violations.length = 0;
        const outcome = await ayx.listJobs(query).then(
          () => undefined,
          (e: unknown) => e,
        );
        // Exactly one request, and it carries exactly the query, as a spec-following server reads it.
        expect(recorder.sent).toHaveLength(1);
        expect(readQuery(recorder.sent[0]!.search, arrays)).toEqual(expectedWire(query, arrays));

        expect(recorder.violations).toEqual([]);
        expect(outcome).toBeUndefined();
      }),
      params,
    );
  });
});

describe("random jobIds against a raw loopback server", () => {
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? "");
      const segment = /^\/webapi\/v3\/jobs\/([^/?#]*)(?:\?.*)?$/.exec(req.url ?? "")?.[1];
      let id = "";
      try {
        id = decodeURIComponent(segment ?? "");
      } catch {
        id = "(undecodable)";
      }
      const text = JSON.stringify(job(id));
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
    server.on("connection", (s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/webapi`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const jobIdArb = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom(
        "/",
        ".",
        "?",
        "#",
        "%",
        " ",
        "a",
        "é",
        "😀",
        "\\",
        "+",
        "&",
        ";",
        ":",
        "@",
        "%2F",
        "%2e",
        "..",
        "\u0000",
        "\n",
      ),
      maxLength: 12,
    }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom("", ".", "..", "%2e", "%2E%2E", ".%2E", "a/../b", "../x", "./", "?", "#", "%", " "),
    fc.string({ unit: "grapheme-ascii", minLength: 250, maxLength: 270 }),
  );

  it(`reach the server as exactly one path segment, or are refused before sending (${RUNS} runs)`, {
    timeout: TIME_LIMIT,
  }, async () => {
    const ayx = createJobsClient({ baseUrl, auth: { token: "t" }, retry: 0, timeoutMs: 10_000 });
    await fc.assert(
      fc.asyncProperty(jobIdArb, async (jobId) => {
        seen.length = 0;
        const outcome = await ayx.getJob(jobId).then(
          (j) => j,
          (e: unknown) => e,
        );
        // No source bounds an id's length: only what no URL segment can carry is refused.
        if (jobId === "" || jobId === "." || jobId === "..") {
          expect(outcome).toBeInstanceOf(JobsApiError);
          expect(outcome).toMatchObject({ kind: "invalid-request" });
          expect((outcome as Error).message).toContain('"jobId"');
          expect(seen).toEqual([]);
          return;
        }
        expect(seen).toHaveLength(1);
        const match = /^\/webapi\/v3\/jobs\/([^/?#]+)$/.exec(seen[0]!);
        expect(match, seen[0]).not.toBeNull();
        expect(decodeURIComponent(match![1]!)).toBe(jobId);
        expect(outcome).toMatchObject({ id: jobId });
      }),
      params,
    );
  });

  it("a lone surrogate, which no URL can carry, is refused before sending", async () => {
    const ayx = createJobsClient({ baseUrl, auth: { token: "t" }, retry: 0 });
    seen.length = 0;
    for (const jobId of ["\ud800", "abc\udfff", "\udc00\ud800"]) {
      await expect(ayx.getJob(jobId)).rejects.toMatchObject({
        kind: "invalid-request",
        message: expect.stringContaining('"jobId"'),
      });
      await expect(ayx.request("getJobMessages", { path: { jobId } })).rejects.toMatchObject({
        kind: "invalid-request",
      });
    }
    const unchecked = createJobsClient({ baseUrl, auth: { token: "t" }, retry: 0, checkRequests: false });
    await expect(unchecked.getJob("\ud800")).rejects.toMatchObject({ kind: "invalid-request" });
    await expect(unchecked.listJobs({ users: ["\ud800"] })).rejects.toMatchObject({
      kind: "invalid-request",
      message: expect.stringContaining('"users"'),
    });
    expect(seen).toEqual([]);
  });
});

describe("random invalid values from a JavaScript caller", () => {
  type Target = { operationId: OperationId; name: string; location: "query" | "path"; schema: Schema };
  const targets: Target[] = (["listJobs", "listWorkflowJobs", "getJob"] as const).flatMap((operationId) =>
    (["query", "path"] as const).flatMap((location) =>
      paramsOf(operationId, location).map(([name, p]) => ({ operationId, name, location, schema: p.schema })),
    ),
  );
  const knownQueryNames = new Set(targets.filter((t) => t.location === "query").map((t) => t.name));

  /** A call with one bad parameter among valid others. */
  type BadCall = {
    target: Target | { operationId: OperationId; name: string; location: "query"; schema?: undefined };
    value: unknown;
    rest: Record<string, unknown>;
  };
  const badCall: fc.Arbitrary<BadCall> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom(...targets).chain((target) =>
        fc.record({
          target: fc.constant(target),
          value: invalidArb(target.schema),
          rest: queryArb(target.operationId),
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        target: fc
          .record({
            // (getJob's second argument holds options, of which only includeMessages becomes a query parameter.)
            operationId: fc.constantFrom<OperationId>("listJobs", "listWorkflowJobs"),
            name: fc.oneof(
              fc.string({ maxLength: 12 }),
              fc.constantFrom(
                "status",
                "Statuses",
                "LIMIT",
                "page",
                "jobId",
                "__proto__",
                "constructor",
                "toString",
                "workflowId",
              ),
            ),
            location: fc.constant("query" as const),
          })
          .filter((t) => !paramsOf(t.operationId, "query").some(([n]) => n === t.name)),
        value: anyValue,
        rest: fc.constant({}),
      }),
    },
  );

  function call(ayx: ReturnType<typeof createJobsClient>, { target, value, rest }: BadCall) {
    const query = { ...rest };
    delete query[target.name];
    if (target.location === "path")
      return target.operationId === "getJob" ? ayx.getJob(value as string) : ayx.listWorkflowJobs(value as string);
    const bad = Object.fromEntries([...Object.entries(query), [target.name, value]]);
    if (target.operationId === "listJobs") return ayx.listJobs(bad as never);
    if (target.operationId === "listWorkflowJobs") return ayx.listWorkflowJobs(WORKFLOW_ID, bad as never);
    return ayx.getJob("j1", bad as never);
  }

  it(`are refused before sending, naming the parameter (${RUNS} runs)`, { timeout: TIME_LIMIT }, async () => {
    const sent: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      sent.push(String(input));
      return new Response(JSON.stringify(job("j1")), { headers: { "content-type": "application/json" } });
    }) as typeof globalThis.fetch;
    const ayx = createJobsClient({ baseUrl: "http://127.0.0.1:9/webapi", auth: { token: "t" }, fetch, retry: 0 });
    await fc.assert(
      fc.asyncProperty(badCall, async (bad) => {
        sent.length = 0;
        const outcome = await call(ayx, bad).then(
          () => "resolved",
          (e: unknown) => e,
        );
        expect(outcome).toBeInstanceOf(JobsApiError);
        expect(outcome).toMatchObject({ kind: "invalid-request" });
        expect((outcome as Error).message).toContain(`"${bad.target.name}"`);
        expect((outcome as Error).message).toMatch(/nothing was sent$/);
        expect(sent).toEqual([]);
      }),
      params,
    );
    expect(knownQueryNames.size).toBeGreaterThan(5);
  });

  /** Invalid values that survive being sent as text and that a spec-checking server must refuse. */
  function wireInvalidArb(schema: Schema): fc.Arbitrary<unknown> {
    // No commas (a server splits at them) and nothing blank (a server reads that as absent).
    const word = (s: string) => s.trim() !== "" && !s.includes(",") && s === s.trim();
    return invalidArb(schema).filter((v) => {
      // Not sent, or sent as "[object Object]".
      if (v === null || (typeof v === "object" && !Array.isArray(v) && !(v instanceof Date))) return false;
      if (typeof v === "symbol" || typeof v === "function" || typeof v === "bigint") return false;
      const parts = Array.isArray(v) ? v.map((x) => asText(outgoing(x))) : [asText(outgoing(v))];
      if (parts.length === 0 || !parts.every(word) || parts.some((p) => /\p{Cs}/u.test(p))) return false;
      // What the server reads back (text, split at commas) must itself break the schema: "6" is a valid priority.
      return !serverAccepts(schema, schema.type === "array" ? parts : parts[0]!);
    });
  }

  // A free-text list (users, workflowNames) has no invalid value that survives the wire: every word is a valid id.
  const freeText = (schema: Schema) =>
    schema.type === "array" && schema.items?.type === "string" && !schema.items.enum && !schema.items.format;
  const wireCheckable = targets
    .filter((t) => t.location === "query" && t.operationId === "listJobs")
    .filter((t) => !freeText(t.schema));
  const checkedOff = fc
    .constantFrom(...wireCheckable)
    .chain((target) => fc.record({ target: fc.constant(target), value: wireInvalidArb(target.schema) }));

  /** Sends each drawn value with checkRequests off; Prism must refuse it with a 4xx naming the parameter. */
  async function refusedByPrism(parameters: fc.Parameters<unknown>) {
    const recorder = recordingFetch();
    const ayx = createJobsClient({
      baseUrl: inject("mockUrl"),
      auth: { token: "t" },
      fetch: recorder.fetch,
      retry: 0,
      checkRequests: false,
      timeoutMs: 10_000,
    });
    await fc.assert(
      fc.asyncProperty(checkedOff, async ({ target, value }) => {
        recorder.sent.length = 0;
        recorder.violations.length = 0;
        const outcome = await ayx.listJobs({ [target.name]: value } as never).then(
          () => "resolved",
          (e: unknown) => e,
        );
        expect(recorder.sent).toHaveLength(1);
        expect(outcome).toBeInstanceOf(JobsApiError);
        const error = outcome as JobsApiError;
        expect(error.kind).toBe("http");
        expect([400, 422]).toContain(error.status);
        // Prism gives its reason in the sl-violations header: the parameter, lower-cased; a list item as name.index.
        const located = (JSON.parse(recorder.violations[0] ?? "[]") as { location?: string[] }[]).map((v) =>
          v.location?.join("."),
        );
        expect(located.map((l) => l?.toLowerCase().replace(/\.\d+$/, ""))).toContain(
          `request.query.${target.name.toLowerCase()}`,
        );
      }),
      parameters,
    );
  }

  it(`with checkRequests: false, reach Prism and come back as its 4xx with the reason (${RUNS} runs)`, {
    timeout: TIME_LIMIT,
  }, async () => {
    await refusedByPrism(params);
  });

  // Regression: this seed drew offset "+0", which the test called invalid but Prism reads as 0 (see serverAccepts).
  const REGRESSION_SEED = 732553138;
  it(`with checkRequests: false, seed ${REGRESSION_SEED} (${RUNS} runs)`, { timeout: TIME_LIMIT }, async () => {
    await refusedByPrism({ ...params, seed: REGRESSION_SEED });
  });

  it('offset "+0", the value that seed drew, is valid to Prism and to the judge of what servers accept', async () => {
    const offset = targets.find((t) => t.operationId === "listJobs" && t.name === "offset")!;
    expect(specAllows(offset.schema, "+0")).toBe(false); // not as the client sends values: strictly typed
    expect(serverAccepts(offset.schema, "+0")).toBe(true);
    const recorder = recordingFetch();
    const ayx = createJobsClient({
      baseUrl: inject("mockUrl"),
      auth: { token: "t" },
      fetch: recorder.fetch,
      retry: 0,
      checkRequests: false,
    });
    await expect(ayx.listJobs({ offset: "+0" } as never)).resolves.toMatchObject({ pagination: expect.any(Object) });
    expect(recorder.sent.map((url) => url.search)).toEqual(["?offset=%2B0"]);
    expect(recorder.violations).toEqual([]);
  });
});
