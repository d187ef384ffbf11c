/** Checks the parameters a caller passes against the schemas of the generated operation table. */
import { operations } from "../generated/operations.js";
import type { OperationId } from "./operation-types.js";
import { asText, LONE_SURROGATE, RequestProblem } from "./url.js";

/**
 * The parts of a parameter's JSON Schema that the spec's parameters use, and so the ones checked here: the generator
 * (scripts/generate-operations.ts) stops at any other constraint, so none is dropped unseen.
 */
export interface ParamSchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly minItems?: number;
  readonly items?: ParamSchema;
  readonly oneOf?: readonly ParamSchema[];
}

export interface Parameter {
  readonly in: string;
  /** Absent when false. */
  readonly required?: boolean;
  readonly schema: ParamSchema;
}

/** One row of the generated table; what most operations share is left out of it. */
export interface Operation {
  readonly method: string;
  readonly path: string;
  /** Sends the bearer token unless false (the token request). */
  readonly authenticated?: false;
  /** The request body's media type; absent when the operation takes none. */
  readonly body?: string;
  /** Safe to send again (GET, and what the spec marks x-safe-to-retry). */
  readonly retry: boolean;
  /** "*\/*" where the 2xx answer may be any file; absent for JSON. */
  readonly response?: string;
  readonly parameters: Readonly<Record<string, Parameter>>;
}

/** The generated table, read through one row type. */
export const operationOf = (operationId: OperationId): Operation => operations[operationId];

const show = (v: unknown) =>
  typeof v === "string" ? JSON.stringify(v) : v instanceof Date ? `Date(${asText(v)})` : asText(v);
/** Length in characters (code points), as JSON Schema counts it, not UTF-16 units. */
const length = (s: string) => [...s].length;
const patterns = new Map<string, RegExp>();
const regex = (pattern: string) =>
  patterns.get(pattern) ?? patterns.set(pattern, new RegExp(pattern, "u")).get(pattern)!;

/** Why `value` breaks `schema`, or undefined when it fits. */
function violation(schema: ParamSchema, value: unknown): string | undefined {
  if (schema.oneOf) {
    return schema.oneOf.some((s) => violation(s, value) === undefined)
      ? undefined
      : `must be one of ${describe(schema)}, got ${show(value)}`;
  }
  switch (schema.type) {
    case "array":
      return arrayViolation(schema, value);
    case "integer":
      return Number.isInteger(value) ? undefined : `must be an integer, got ${show(value)}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be true or false, got ${show(value)}`;
    case "string":
      return stringViolation(schema, value);
    default:
      return undefined;
  }
}

function arrayViolation(schema: ParamSchema, value: unknown): string | undefined {
  if (!Array.isArray(value)) return `must be an array, got ${show(value)}`;
  if (schema.minItems !== undefined && value.length < schema.minItems)
    return `must have at least ${schema.minItems} value(s)`;
  for (const item of value) {
    const problem = schema.items && violation(schema.items, item);
    if (problem) return `has a value that ${problem}`;
  }
  return undefined;
}

function stringViolation(schema: ParamSchema, value: unknown): string | undefined {
  if (typeof value !== "string") return `must be a string, got ${show(value)}`;
  if (LONE_SURROGATE.test(value)) return `must be valid Unicode text (it has a lone surrogate), got ${show(value)}`;
  if (schema.enum && !schema.enum.includes(value)) return `must be one of ${describe(schema)}, got ${show(value)}`;
  if (schema.minLength !== undefined && length(value) < schema.minLength) return "must not be empty";
  if (schema.format === "date" && !isCalendarDate(value))
    return `must be a date as yyyy-MM-dd (or a Date), got ${show(value)}`;
  if (schema.pattern && !regex(schema.pattern).test(value)) return `must match ${schema.pattern}, got ${show(value)}`;
  return undefined;
}

function describe(schema: ParamSchema): string {
  if (schema.enum) return schema.enum.join(", ");
  if (schema.oneOf) return schema.oneOf.map((s) => (s.type === "integer" ? "a number" : describe(s))).join(", ");
  return schema.type ?? "a value";
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().startsWith(text);
}

/** A Date becomes its UTC calendar day (yyyy-MM-dd), the format the server's date filters take. */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString().slice(0, 10);
  return value;
}

/**
 * The parameters a caller passes in one location, normalized (Dates as yyyy-MM-dd, undefined dropped) and, when
 * `strict`, checked against the spec. Throws a RequestProblem naming the parameter.
 */
export function checkedParams(
  operationId: OperationId,
  location: "query" | "path",
  given: object | undefined,
  strict: boolean,
) {
  const declared = operationOf(operationId).parameters;
  const out: Record<string, unknown> = {};
  if (given !== undefined && (given === null || typeof given !== "object" || Array.isArray(given))) {
    throw new RequestProblem(`${location} parameters must be an object`);
  }
  for (const name of Object.keys(given ?? {})) {
    const raw = (given as Record<string, unknown>)[name];
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.map(normalize) : normalize(raw);
    out[name] = value;
    if (!strict) continue;
    const param = declared[name];
    if (param?.in !== location) {
      const known = Object.keys(declared).filter((k) => declared[k]?.in === location);
      throw new RequestProblem(`unknown ${location} parameter "${name}" (known: ${known.join(", ") || "none"})`);
    }
    const problem = violation(param.schema, value);
    if (problem) throw new RequestProblem(`parameter "${name}" ${problem}`);
  }
  if (strict) {
    for (const name in declared) {
      const param = declared[name]!;
      if (param.in === location && param.required && !(name in out))
        throw new RequestProblem(`parameter "${name}" is required`);
    }
  }
  return out;
}
