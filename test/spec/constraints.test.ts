/**
 * The spec claims only what a source supports. Every constraint keyword in the bundle (a bound, a pattern, an
 * enum, a default, a required response field...) must be cited by an entry of the evidence ledger
 * (spec/evidence.yaml), whose `where` names the keyword's JSON Pointer: an unsourced limit makes generated clients
 * refuse input a real server accepts, and makes response validation reject answers a real server sends. This test
 * makes a new unsourced limit fail. (That every cited pointer resolves is test/spec/evidence.test.ts's job.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadLedger, whereItems } from "../../scripts/evidence/ledger.mjs";
import { escapeToken, resolvePointer } from "../../src/json-pointer.js";

type Json = Record<string, any>;
const bundle: Json = JSON.parse(readFileSync(new URL("../../generated/openapi.json", import.meta.url), "utf8"));

/** Keywords that narrow what a value may be, anywhere (requests, responses, headers, server variables). */
const NARROWING = [
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "multipleOf",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxProperties",
  "minProperties",
  "enum",
  "const",
  "default",
  "format",
] as const;
/** Formats that bound a value (a validator with formats refuses an integer outside int32's range). */
const BOUNDING_FORMATS = new Set(["int32", "int64"]);
/** Keywords that only bind what a server sends: a field it must send, or a field it may not add. */
const RESPONSE_ONLY = ["required", "additionalProperties"] as const;

/** The ledger entry citing each pointer a `where` names: `/components/schemas/Job/required` -> its id. */
function citations(ledger: Json): Map<string, string> {
  const cited = new Map<string, string>();
  for (const entry of ledger.claims ?? []) {
    for (const { pointer, sentence } of whereItems(entry)) if (sentence === undefined) cited.set(pointer, entry.id);
  }
  return cited;
}
const ledgerCitations = citations(loadLedger());

type Where = "request" | "response";
interface Constraint {
  pointer: string;
  keyword: string;
  where: Where;
  source: string | undefined;
}

const at = (doc: Json, pointer: string) => resolvePointer(doc, pointer) as Json;

/** Whether `keyword` on this schema node constrains anything (`uniqueItems: false` or open objects do not). */
function constrains(node: Json, keyword: string): boolean {
  if (!(keyword in node)) return false;
  if (keyword === "uniqueItems") return node.uniqueItems === true;
  if (keyword === "format") return BOUNDING_FORMATS.has(node.format);
  if (keyword === "additionalProperties") return node.additionalProperties === false;
  if (keyword === "required") return Array.isArray(node.required) && node.required.length > 0;
  return true;
}

/** Every constraint keyword the bundle's operations and server variables use, with its recorded source. */
function listConstraints(doc: Json, cited = ledgerCitations): Constraint[] {
  const found = new Map<string, Constraint>();
  const seen = new Set<string>();

  const record = (node: Json, pointer: string, where: Where) => {
    const keywords = where === "response" ? [...NARROWING, ...RESPONSE_ONLY] : NARROWING;
    for (const keyword of keywords) {
      if (!constrains(node, keyword)) continue;
      // Operations are walked first, so a schema used by a response keeps "response".
      if (found.has(`${pointer} ${keyword}`)) continue;
      const source = cited.get(`${pointer.replace(/^#/, "")}/${keyword}`);
      found.set(`${pointer} ${keyword}`, { pointer, keyword, where, source });
    }
  };

  const schema = (node: Json | undefined, pointer: string, where: Where): void => {
    if (!node || typeof node !== "object") return;
    if (node.$ref) {
      schema(at(doc, node.$ref), node.$ref, where);
      return;
    }
    if (seen.has(`${where} ${pointer}`)) return;
    seen.add(`${where} ${pointer}`);
    record(node, pointer, where);
    for (const key of ["properties", "patternProperties"]) {
      for (const [name, sub] of Object.entries<Json>(node[key] ?? {})) {
        schema(sub, `${pointer}/${key}/${escapeToken(name)}`, where);
      }
    }
    if (typeof node.additionalProperties === "object") {
      schema(node.additionalProperties, `${pointer}/additionalProperties`, where);
    }
    for (const key of ["items", "not", "contains", "if", "then", "else"]) schema(node[key], `${pointer}/${key}`, where);
    for (const key of ["oneOf", "anyOf", "allOf", "prefixItems"]) {
      for (const [i, sub] of (node[key] ?? []).entries()) schema(sub, `${pointer}/${key}/${i}`, where);
    }
  };

  const parameter = (node: Json, pointer: string) => {
    if (node.$ref) return parameter(at(doc, node.$ref), node.$ref);
    schema(node.schema, `${pointer}/schema`, "request");
  };
  const content = (media: Json | undefined, pointer: string, where: Where) => {
    for (const [type, m] of Object.entries<Json>(media ?? {})) {
      schema(m.schema, `${pointer}/content/${escapeToken(type)}/schema`, where);
    }
  };
  const response = (node: Json, pointer: string) => {
    if (node.$ref) return response(at(doc, node.$ref), node.$ref);
    content(node.content, pointer, "response");
    for (const [name, header] of Object.entries<Json>(node.headers ?? {})) {
      const h = header.$ref ? at(doc, header.$ref) : header;
      schema(h.schema, `${header.$ref ?? `${pointer}/headers/${escapeToken(name)}`}/schema`, "response");
    }
  };

  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    const base = `#/paths/${escapeToken(path)}`;
    for (const [i, p] of (item.parameters ?? []).entries()) parameter(p, `${base}/parameters/${i}`);
    for (const [method, op] of Object.entries<Json>(item)) {
      if (!op?.responses) continue;
      for (const [i, p] of (op.parameters ?? []).entries()) parameter(p, `${base}/${method}/parameters/${i}`);
      if (op.requestBody) {
        const body = op.requestBody.$ref ? at(doc, op.requestBody.$ref) : op.requestBody;
        content(body.content, `${op.requestBody.$ref ?? `${base}/${method}/requestBody`}`, "request");
      }
      for (const [code, res] of Object.entries<Json>(op.responses)) {
        response(res, `${base}/${method}/responses/${code}`);
      }
    }
  }
  (doc.servers ?? []).forEach((server: Json, i: number) => {
    for (const [name, variable] of Object.entries<Json>(server.variables ?? {})) {
      record(variable, `#/servers/${i}/variables/${escapeToken(name)}`, "request");
    }
  });
  // Components no operation uses are still checked, as requests: nothing may wait there unsourced.
  for (const [kind, entries] of Object.entries<Json>(doc.components ?? {})) {
    for (const [name, node] of Object.entries<Json>(entries)) {
      const pointer = `#/components/${kind}/${escapeToken(name)}`;
      if (kind === "schemas") schema(node, pointer, "request");
      if (kind === "parameters") parameter(node, pointer);
      if (kind === "headers") schema(node.schema, `${pointer}/schema`, "request");
    }
  }
  return [...found.values()].sort((a, b) => `${a.pointer} ${a.keyword}`.localeCompare(`${b.pointer} ${b.keyword}`));
}

const unsourced = (doc: Json, cited = ledgerCitations) =>
  listConstraints(doc, cited)
    .filter((c) => !c.source)
    .map((c) => `${c.where} ${c.pointer} ${c.keyword}`);

describe("constraints in the bundle", () => {
  const all = listConstraints(bundle);

  it("every constraint keyword is cited by a ledger entry", () => {
    expect(unsourced(bundle)).toEqual([]);
  });

  it("the walk reaches parameters, request bodies, response bodies, headers and server variables", () => {
    const has = (pointer: string, keyword: string) => all.some((c) => c.pointer === pointer && c.keyword === keyword);
    expect(has("#/components/parameters/SortField/schema", "enum")).toBe(true);
    expect(has("#/components/parameters/Statuses/schema/items", "enum")).toBe(true);
    expect(has("#/components/schemas/EnqueuePriority", "enum")).toBe(true);
    expect(has("#/components/schemas/TokenResponse", "required")).toBe(true);
    expect(has("#/components/headers/ContentLength/schema", "minimum")).toBe(true);
    expect(has("#/servers/0/variables/scheme", "enum")).toBe(true);
    // A request body's required list is the client's own strictness, not a claim about the server.
    expect(all.some((c) => c.pointer === "#/components/schemas/AppValue" && c.keyword === "required")).toBe(false);
  });

  it("the limits no source gives are gone", () => {
    const bounds = all
      .filter((c) => ["maximum", "maxLength", "maxItems"].includes(c.keyword))
      .map((c) => `${c.pointer} ${c.keyword}`);
    expect(bounds).toEqual([]);
    // No width on what the client sends: the server declares limit, offset and priorities as strings.
    expect(all.filter((c) => c.where === "request" && c.keyword === "format")).toEqual([]);
    const responseFloors = all.filter((c) => c.where === "response" && ["minimum", "minLength"].includes(c.keyword));
    // Only these: ids that a URL must carry (never empty), a file name (POSIX), and the RFCs' (a token, a token
    // type and an OAuth2 error code are never empty; expires_in and Content-Length are 1*DIGIT).
    expect(responseFloors.map((c) => c.pointer).sort()).toEqual([
      "#/components/headers/ContentLength/schema",
      "#/components/schemas/Job/properties/appId",
      "#/components/schemas/Job/properties/id",
      "#/components/schemas/JobOutput/properties/id",
      "#/components/schemas/JobSummary/properties/jobId",
      "#/components/schemas/JobSummary/properties/workflowId",
      "#/components/schemas/OAuthError/properties/error",
      "#/components/schemas/TokenResponse/properties/access_token",
      "#/components/schemas/TokenResponse/properties/expires_in",
      "#/components/schemas/TokenResponse/properties/token_type",
      "#/components/schemas/WorkflowJob/properties/id",
    ]);
    // What real servers were found to send empty, or 0 on an empty page, stays unbounded.
    const found = all.map((c) => `${c.pointer} ${c.keyword}`);
    expect(found).not.toContain("#/components/schemas/JobSummary/properties/submittedBy minLength");
    expect(found).not.toContain("#/components/schemas/WorkflowJob/properties/priority minLength");
    expect(found).not.toContain("#/components/schemas/PaginationInfo/properties/currentPage minimum");
  });
});

describe("the check itself", () => {
  // What the edit adds to the list, so that each case tests only its own plant.
  const planted = (edit: (doc: Json) => void, cited = ledgerCitations) => {
    const before = new Set(unsourced(bundle));
    const doc = structuredClone(bundle);
    edit(doc);
    return unsourced(doc, cited).filter((c) => !before.has(c));
  };

  it("fails on a planted maxLength without a source", () => {
    expect(planted((doc) => (doc.components.parameters.JobId.schema.maxLength = 256))).toEqual([
      "request #/components/parameters/JobId/schema maxLength",
    ]);
  });

  it("fails on a planted bound deep inside a response schema reached through $ref", () => {
    expect(planted((doc) => (doc.components.schemas.JobSummary.properties.submittedBy.minLength = 1))).toEqual([
      "response #/components/schemas/JobSummary/properties/submittedBy minLength",
    ]);
  });

  it("fails on a required response field or a closed response object without a source", () => {
    const cited = new Map(ledgerCitations);
    cited.delete("/components/schemas/TokenResponse/required");
    expect(planted((doc) => (doc.components.schemas.WorkflowJob.additionalProperties = false), cited)).toEqual([
      "response #/components/schemas/TokenResponse required",
      "response #/components/schemas/WorkflowJob additionalProperties",
    ]);
  });

  it("fails on a default or enum added inline to an operation's parameter", () => {
    expect(
      planted((doc) => {
        const schema = { type: "string", enum: ["a"], default: "a" };
        doc.paths["/v3/jobs/{jobId}"].get.parameters.push({ name: "x", in: "query", schema });
      }),
    ).toEqual([
      "request #/paths/~1v3~1jobs~1{jobId}/get/parameters/1/schema default",
      "request #/paths/~1v3~1jobs~1{jobId}/get/parameters/1/schema enum",
    ]);
  });
});
