/**
 * JSON Schemas for the tools, taken from the bundled OpenAPI description (`alteryx-jobs-api/openapi.json`) rather
 * than retyped: a tool's schema names the spec's components it returns, and gets them, and everything they refer
 * to, as `$defs` with the references rewritten. The spec's notes for its maintainers (`x-*`) and its examples are
 * left out (every client sends the tool list to its model); descriptions stay, since a model reads them.
 */
import spec from "alteryx-jobs-api/openapi.json" with { type: "json" };

export type JsonSchema = { [key: string]: unknown };

const components = (spec as unknown as { components: { schemas: Record<string, JsonSchema> } }).components.schemas;
const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;

/** A copy of a spec schema without `x-*` keys, its component references pointing at `#/$defs/...`. */
function rewrite(value: unknown, found: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, found));
  if (!value || typeof value !== "object") return value;
  const out: JsonSchema = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith("x-") || key === "examples") continue;
    const ref = key === "$ref" && typeof inner === "string" ? COMPONENT_REF.exec(inner) : null;
    if (ref) {
      found.add(ref[1]!);
      out.$ref = `#/$defs/${ref[1]}`;
    } else out[key] = rewrite(inner, found);
  }
  return out;
}

/** The spec's component schema `name`, as a reference for use inside a tool's schema. */
export const ref = (name: keyof typeof spec.components.schemas): JsonSchema => {
  if (!components[name]) throw new Error(`the spec has no schema ${name}`);
  return { $ref: `#/components/schemas/${name}` };
};

/** A parameter's schema of one of the spec's operations (enums and limits as the spec has them). */
export function parameterSchema(operationId: string, name: string): JsonSchema {
  type Operation = { operationId?: string; parameters?: unknown[] };
  for (const item of Object.values(spec.paths as Record<string, Record<string, unknown>>)) {
    for (const op of Object.values(item) as Operation[]) {
      if (op?.operationId !== operationId) continue;
      // Path parameters (the ids) sit on the path, the others on the operation.
      for (const p of [...((item.parameters as unknown[]) ?? []), ...(op.parameters ?? [])]) {
        const target = resolvePointer(p) as { name?: string; schema?: JsonSchema };
        if (target.name === name && target.schema) return rewrite(target.schema, new Set()) as JsonSchema;
      }
    }
  }
  throw new Error(`the spec has no parameter ${name} of ${operationId}`);
}

function resolvePointer(value: unknown): unknown {
  const pointer = (value as { $ref?: string }).$ref;
  if (!pointer) return value;
  return pointer
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], spec);
}

/** The properties of a spec object schema (e.g. the enqueue body's), to reuse as a tool's input properties. */
export function specProperties(name: keyof typeof spec.components.schemas): Record<string, JsonSchema> {
  return (components[name] as { properties: Record<string, JsonSchema> }).properties;
}

/**
 * A complete schema (`type: object` at its root, as MCP requires) whose spec references resolve: every component
 * it names, directly or through another, is copied into `$defs`.
 */
export function toolSchema(root: JsonSchema): JsonSchema {
  const defs: Record<string, unknown> = {};
  const pending = new Set<string>();
  const body = rewrite(root, pending) as JsonSchema;
  while (pending.size > 0) {
    const [name] = pending;
    pending.delete(name!);
    if (defs[name!]) continue;
    const found = new Set<string>();
    defs[name!] = rewrite(components[name!], found);
    for (const next of found) if (!defs[next]) pending.add(next);
  }
  return { type: "object", ...body, ...(Object.keys(defs).length ? { $defs: defs } : {}) };
}

export const array = (items: JsonSchema, description?: string): JsonSchema => ({
  type: "array",
  items,
  ...(description ? { description } : {}),
});

/** An object schema; each property is required unless listed as optional. */
export function object(
  properties: Record<string, JsonSchema>,
  optional: readonly string[] = [],
  description?: string,
): JsonSchema {
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  };
}

export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });
