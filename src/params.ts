/** Checks and serializes parameters exactly as the spec declares them, before anything is sent. */
import { operations } from "../generated/parameters.js";
import { JobsApiError } from "./errors.js";

export type OperationId = keyof typeof operations;

/** The parts of a parameter's JSON Schema that parameters here use. */
export interface ParamSchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly items?: ParamSchema;
  readonly oneOf?: readonly ParamSchema[];
}

/** Half of a UTF-16 pair on its own: no URL can carry it (encodeURIComponent throws). */
const LONE_SURROGATE = /\p{Cs}/u;

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v instanceof Date ? `Date(${String(v)})` : asText(v));
/** String(v), except for values that cannot be turned into one (Object.create(null), a broken toString). */
const asText = (v: unknown) => {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
};
/** Length in characters (code points), as JSON Schema counts it, not UTF-16 units. */
const length = (s: string) => [...s].length;

/** Why `value` breaks `schema`, or undefined when it fits. */
function violation(schema: ParamSchema, value: unknown): string | undefined {
  if (schema.oneOf) {
    return schema.oneOf.some((s) => violation(s, value) === undefined) ? undefined : `must be one of ${describe(schema)}, got ${show(value)}`;
  }
  switch (schema.type) {
    case "array": {
      if (!Array.isArray(value)) return `must be an array, got ${show(value)}`;
      if (schema.minItems !== undefined && value.length < schema.minItems) return `must have at least ${schema.minItems} value(s)`;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return `must have at most ${schema.maxItems} values`;
      if (schema.uniqueItems && new Set(value).size !== value.length) return "must not repeat a value";
      for (const item of value) {
        const problem = schema.items && violation(schema.items, item);
        if (problem) return `has a value that ${problem}`;
      }
      return undefined;
    }
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return `must be an integer, got ${show(value)}`;
      if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum)) {
        return `must be from ${schema.minimum ?? "-∞"} to ${schema.maximum ?? "∞"}, got ${value}`;
      }
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be true or false, got ${show(value)}`;
    case "string": {
      if (typeof value !== "string") return `must be a string, got ${show(value)}`;
      if (LONE_SURROGATE.test(value)) return `must be valid Unicode text (it has a lone surrogate), got ${show(value)}`;
      if (schema.enum && !schema.enum.includes(value)) return `must be one of ${describe(schema)}, got ${show(value)}`;
      if (schema.minLength !== undefined && length(value) < schema.minLength) return "must not be empty";
      if (schema.maxLength !== undefined && length(value) > schema.maxLength) return `must be at most ${schema.maxLength} characters`;
      if (schema.format === "date" && !isCalendarDate(value)) return `must be a date as yyyy-MM-dd (or a Date), got ${show(value)}`;
      if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return `must match ${schema.pattern}, got ${show(value)}`;
      return undefined;
    }
    default:
      return undefined;
  }
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
 * Checks the parameters a caller passes for one operation against the spec and returns them normalized
 * (Dates as yyyy-MM-dd, undefined dropped). Throws a JobsApiError of kind "invalid-request" naming the parameter.
 */
export function checkedParams(operationId: OperationId, location: "query" | "path", given: object | undefined, strict = true): Record<string, unknown> {
  const declared = operations[operationId].parameters as Record<string, { in: string; required: boolean; schema: ParamSchema }>;
  const out: Record<string, unknown> = {};
  const fail = (message: string) => {
    const { method, path } = operations[operationId];
    return new JobsApiError({ kind: "invalid-request", operationId, method, path, message: `${operationId}: ${message}; nothing was sent` });
  };
  if (given !== undefined && (given === null || typeof given !== "object" || Array.isArray(given))) throw fail(`${location} parameters must be an object`);
  for (const [name, raw] of Object.entries(given ?? {})) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.map(normalize) : normalize(raw);
    if (!strict) {
      out[name] = value;
      continue;
    }
    const param = declared[name];
    if (!param || param.in !== location) {
      const known = Object.keys(declared).filter((k) => declared[k]?.in === location);
      throw fail(`unknown ${location} parameter "${name}" (known: ${known.join(", ") || "none"})`);
    }
    const problem = violation(param.schema, value);
    if (problem) throw fail(`parameter "${name}" ${problem}`);
    out[name] = value;
  }
  for (const [name, param] of Object.entries(declared)) {
    if (strict && param.in === location && param.required && !(name in out)) throw fail(`parameter "${name}" is required`);
  }
  return out;
}

/** Query string as the spec declares it: arrays comma-separated in one parameter (style form, explode false). */
export function toQueryString(query: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  for (const [name, raw] of Object.entries(query ?? {})) {
    if (raw === undefined || raw === null) continue;
    const value = Array.isArray(raw) ? raw.map((v) => encodeText(name, asText(normalize(v)))).join(",") : encodeText(name, asText(normalize(raw)));
    parts.push(`${encodeText(name, name)}=${value}`);
  }
  return parts.join("&");
}

/**
 * One path segment, percent-encoded so that no value can change the path: `/`, `?`, `#` and `%` are escaped.
 * "." and ".." cannot be sent as a segment at all (URL parsers resolve them, encoded or not), so they are refused.
 */
export function encodePathSegment(name: string, value: unknown): string {
  const text = String(value);
  if (text === "" || text === "." || text === "..") {
    throw new JobsApiError({ kind: "invalid-request", message: `path parameter "${name}" cannot be ${JSON.stringify(text)}; nothing was sent` });
  }
  return encodeText(name, text);
}

/** encodeURIComponent, but a lone surrogate (which it cannot encode) is an invalid-request error, not a URIError. */
function encodeText(name: string, text: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new JobsApiError({ kind: "invalid-request", message: `parameter "${name}" must be valid Unicode text (it has a lone surrogate); nothing was sent` });
  }
  return encodeURIComponent(text);
}

/** For openapi-fetch: fills `{name}` templates with encoded segments. */
export function pathSerializer(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => encodePathSegment(name, params?.[name]));
}

const templates = Object.entries(operations).map(([id, op]) => ({
  id: id as OperationId,
  method: op.method as string,
  pattern: new RegExp(`^${op.path.replace(/\{[^{}]+\}/g, "[^/]+")}$`),
}));

/** Which operation a request is, from its method and its path below the base URL. */
export function operationFor(method: string, apiPath: string): OperationId | undefined {
  return templates.find((t) => t.method === method && t.pattern.test(apiPath))?.id;
}

export { operations };
