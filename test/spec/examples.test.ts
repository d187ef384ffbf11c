import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { deref as derefIn, escapeToken } from "../../src/json-pointer.js";
import { createSpecValidator } from "../../src/validate.js";
import { operations as specOperations } from "../../generated/operations.js";

const doc = parse(readFileSync(new URL("../../generated/openapi.yaml", import.meta.url), "utf8"));
const { validate } = createSpecValidator(doc);

type Media = { schema?: unknown; examples?: Record<string, { $ref?: string; value?: unknown }> };
const deref = (node: { $ref?: string }): any => derefIn(doc, node);
const esc = escapeToken;

// Every named example of every request and response body, with the pointer of the schema it must fit.
const cases: { name: string; pointer: string; value: unknown }[] = [];
for (const [path, item] of Object.entries<any>(doc.paths)) {
  for (const [method, op] of Object.entries<any>(item)) {
    if (!op.operationId) continue;
    const bodies: [string, Record<string, Media>][] = [];
    if (op.requestBody) bodies.push([`#/paths/${esc(path)}/${method}/requestBody`, op.requestBody.content]);
    for (const [code, res] of Object.entries<any>(op.responses)) {
      const base = res.$ref ?? `#/paths/${esc(path)}/${method}/responses/${code}`;
      bodies.push([base, deref(res).content ?? {}]);
    }
    for (const [base, content] of bodies) {
      for (const [type, media] of Object.entries(content)) {
        for (const [exName, ex] of Object.entries(media.examples ?? {})) {
          cases.push({
            name: `${op.operationId} ${base.split("/").at(-1)} ${exName}`,
            pointer: `${base}/content/${esc(type)}/schema`,
            value: deref(ex).value,
          });
        }
      }
    }
  }
}

describe("named examples", () => {
  it("exist for every operation", () => {
    const ops = new Set(cases.map((c) => c.name.split(" ")[0]));
    expect([...ops].sort()).toEqual(Object.keys(specOperations).sort());
    // 401, 403 and 404 have no examples: no source gives their bodies (spec/evidence.yaml, no-body-401-403-404).
    expect(cases.length).toBeGreaterThanOrEqual(28);
  });
  it.each(cases)("$name validates against its schema", ({ pointer, value }) => {
    expect(value).toBeDefined();
    expect(validate(pointer, value)).toEqual([]);
  });
});

describe("schema property examples", () => {
  // `examples` on every property must fit the property's own schema.
  const props: { name: string; pointer: string; values: unknown[] }[] = [];
  for (const [schemaName, schema] of Object.entries<any>(doc.components.schemas)) {
    for (const [prop, sub] of Object.entries<any>(schema.properties ?? {})) {
      if (sub.examples)
        props.push({
          name: `${schemaName}.${prop}`,
          pointer: `#/components/schemas/${schemaName}/properties/${prop}`,
          values: sub.examples,
        });
    }
    if (schema.examples)
      props.push({ name: schemaName, pointer: `#/components/schemas/${schemaName}`, values: schema.examples });
  }
  it("cover every property of every schema (its own examples, or those of the schema it refers to)", () => {
    const missing = Object.entries<any>(doc.components.schemas).flatMap(([schemaName, schema]) =>
      Object.entries<any>(schema.properties ?? {})
        .filter(([, sub]) => !sub.examples && !deref(sub).examples)
        .map(([prop]) => `${schemaName}.${prop}`),
    );
    expect(missing).toEqual([]);
  });
  it.each(props)("$name", ({ pointer, values }) => {
    for (const v of values) expect(validate(pointer, v)).toEqual([]);
  });
});

// Realistic server answers must be accepted; broken ones rejected, so the schemas are not vacuous.
const fixtureDir = new URL("./fixtures/", import.meta.url);
const fixtures = readdirSync(fixtureDir).map((file) => ({
  file,
  ...JSON.parse(readFileSync(new URL(file, fixtureDir), "utf8")),
}));

describe("fixtures of server responses", () => {
  it.each(fixtures.filter((f) => f.valid))("accepts $file: $why", ({ schema, body }) => {
    expect(validate(`#/components/schemas/${schema}`, body)).toEqual([]);
  });
  it.each(fixtures.filter((f) => !f.valid))("rejects $file: $why", ({ schema, body, expectPath }) => {
    const errors = validate(`#/components/schemas/${schema}`, body);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.path)).toContain(expectPath);
  });
});

// Every id of the examples is a MongoDB ObjectId: 24 hex digits whose first 4 bytes are its creation time (in
// seconds). The help page's ids match their own timestamps; so must the invented ones, and no workflow or job is
// created after what it holds.
const HEX_ID = /^[0-9a-f]{24}$/;
const idTime = (id: string) => new Date(Number.parseInt(id.slice(0, 8), 16) * 1000).toISOString();
const seconds = (iso: string) => new Date(iso).toISOString().replace(/\.\d+Z$/, ".000Z");

/** Where an example's ids disagree with its own dates (an id's time, a workflow or output created out of order). */
function idDateMismatches(value: unknown, where: string): string[] {
  const bad: string[] = [];
  const walk = (node: any, at: string) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${at}/${i}`);
      return;
    }
    const own = node.id ?? node.jobId;
    const created = node.createDateTime ?? node.createDate ?? node.queueTime;
    if (typeof own === "string" && HEX_ID.test(own) && typeof created === "string") {
      if (idTime(own) !== seconds(created)) bad.push(`${at}: id ${own} says ${idTime(own)}, created ${created}`);
      const parent = node.appId ?? node.workflowId;
      if (typeof parent === "string" && HEX_ID.test(parent) && idTime(parent) > seconds(created))
        bad.push(`${at}: workflow ${parent} created ${idTime(parent)}, after its job (${created})`);
      for (const output of node.outputs ?? [])
        if (HEX_ID.test(output.id) && idTime(output.id) < seconds(created))
          bad.push(`${at}: output ${output.id} created ${idTime(output.id)}, before its job (${created})`);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  walk(value, where);
  return bad;
}

describe("example ids", () => {
  const values = Object.entries<any>(doc.components.examples).map(([name, ex]) => ({ name, value: ex.value }));

  it("are ObjectIds whose embedded time is the example's own creation time", () => {
    const checked = values.flatMap(({ name, value }) => JSON.stringify(value).match(/"[0-9a-f]{24}"/g) ?? [name]);
    expect(checked.length).toBeGreaterThan(20);
    expect(values.flatMap(({ name, value }) => idDateMismatches(value, name))).toEqual([]);
  });

  it("that check finds an id from another time, and a workflow created after its job", () => {
    const job = { id: "68e47420c97fddfcc003b101", createDateTime: "2025-10-06T09:18:22Z", appId: "68ff00002a7194676" };
    const late = { ...job, createDateTime: "2025-10-07T02:00:00Z", appId: "690000002a719467662d3001" };
    expect(idDateMismatches(job, "a")).toEqual([
      "a: id 68e47420c97fddfcc003b101 says 2025-10-07T02:00:00.000Z, created 2025-10-06T09:18:22Z",
    ]);
    expect(idDateMismatches(late, "b")).toEqual([
      "b: workflow 690000002a719467662d3001 created 2025-10-27T23:28:00.000Z, after its job (2025-10-07T02:00:00Z)",
    ]);
  });
});
