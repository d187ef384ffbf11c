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
