/**
 * Optional response validation (subpath export `alteryx-jobs-api/validate`): checks bodies against the
 * bundled spec's JSON Schemas with Ajv. Kept out of the core so users who do not ask for it never load Ajv.
 */
import type { Ajv2020 as Ajv2020Instance, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import bundledSpec from "../generated/openapi.json" with { type: "json" };
import { escapeToken, resolvePointer, unescapeToken } from "./json-pointer.js";

// Ajv and ajv-formats are optional peer dependencies: load them here so that a missing one is reported
// with the command that installs both, not as a bare "Cannot find package 'ajv'".
const { Ajv2020, addFormats } = await loadAjv();

async function loadAjv() {
  try {
    const [ajv, formats] = await Promise.all([import("ajv/dist/2020.js"), import("ajv-formats")]);
    // ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
    const addFormats = ((formats.default as { default?: unknown }).default ?? formats.default) as unknown as (
      ajv: Ajv2020Instance,
    ) => Ajv2020Instance;
    return { Ajv2020: ajv.Ajv2020, addFormats };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
    throw new Error(
      "alteryx-jobs-api/validate needs its optional peer dependencies ajv and ajv-formats " +
        `(${(error as Error).message.split("\n")[0]}). Install them with: npm i ajv ajv-formats`,
      { cause: error },
    );
  }
}

/** One way a value breaks its schema: a JSON path into the value and what is wrong there. */
export interface SchemaViolation {
  path: string;
  message: string;
}

/** Decides whether a response body fits what the spec declares for an operation and status. */
export type ResponseValidator = (operationId: string, status: number, body: unknown) => SchemaViolation[];

type OpenApiDocument = { paths: Record<string, Record<string, unknown>> };
const SPEC_ID = "spec";

function toJsonPath(error: ErrorObject): string {
  const parts = error.instancePath.split("/").slice(1).map(unescapeToken);
  let path = "$";
  for (const part of parts)
    path += /^\d+$/.test(part)
      ? `[${part}]`
      : /^[A-Za-z_$][\w$]*$/.test(part)
        ? `.${part}`
        : `[${JSON.stringify(part)}]`;
  if (error.keyword === "required") path += `.${(error.params as { missingProperty: string }).missingProperty}`;
  return path;
}

/** Compiles schemas of one OpenAPI 3.1 document on demand and validates values against them. */
export function createSpecValidator(document: object = bundledSpec) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: SPEC_ID });
  const compiled = new Map<string, ValidateFunction>();

  /** Validates `value` against the schema at a JSON pointer into the document (e.g. `#/components/schemas/Job`). */
  function validate(pointer: string, value: unknown): SchemaViolation[] {
    let check = compiled.get(pointer);
    if (!check) {
      check = ajv.getSchema(`${SPEC_ID}${pointer}`);
      if (!check) throw new Error(`No schema at ${pointer}`);
      compiled.set(pointer, check);
    }
    if (check(value)) return [];
    return (check.errors ?? []).map((e) => ({ path: toJsonPath(e), message: e.message ?? e.keyword }));
  }

  const operations = new Map<string, { path: string; method: string; responses: Record<string, unknown> }>();
  for (const [path, item] of Object.entries((document as OpenApiDocument).paths)) {
    for (const [method, op] of Object.entries(item)) {
      const operation = op as { operationId?: string; responses?: Record<string, unknown> };
      if (operation?.operationId)
        operations.set(operation.operationId, { path, method, responses: operation.responses ?? {} });
    }
  }

  /** The pointer of the JSON schema an operation declares for a status code, or undefined if it declares none. */
  function responseSchemaPointer(operationId: string, status: number): string | undefined {
    const op = operations.get(operationId);
    if (!op) return undefined;
    const code = [String(status), `${String(status)[0]}XX`, "default"].find((c) => c in op.responses);
    if (!code) return undefined;
    let response = op.responses[code] as { $ref?: string; content?: Record<string, { schema?: unknown }> };
    let base = `#/paths/${escapeToken(op.path)}/${op.method}/responses/${code}`;
    if (response.$ref) {
      base = response.$ref;
      response = resolvePointer(document, base) as typeof response;
    }
    return response?.content?.["application/json"]?.schema ? `${base}/content/application~1json/schema` : undefined;
  }

  const validateResponse: ResponseValidator = (operationId, status, body) => {
    const pointer = responseSchemaPointer(operationId, status);
    return pointer ? validate(pointer, body) : [];
  };

  return { validate, validateResponse, responseSchemaPointer };
}

/** A validator for `createJobsClient({ validateResponses: responseValidator() })`; schemas compile once, on first use. */
export function responseValidator(document?: object): ResponseValidator {
  let validator: ReturnType<typeof createSpecValidator> | undefined;
  return (operationId, status, body) => {
    validator ??= createSpecValidator(document);
    return validator.validateResponse(operationId, status, body);
  };
}
