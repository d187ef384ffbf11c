/**
 * Validation of the POST /v3/workflows/{workflowId}/jobs body (EnqueueJobRequest in the spec).
 * Errors are keyed like ASP.NET's model state: `contract`, `contract.priority`, `contract.questions[0].name`.
 * Members the contract does not know are ignored, as JSON.NET does by default.
 */
import { PRIORITY_NAMES, type PriorityName } from "./vocabulary.js";
import type { ModelState, Parsed } from "./query.js";

export interface EnqueueRequest {
  workerTag: string;
  credentialId: string | undefined;
  questions: { name: string; value: string }[];
  priority: PriorityName;
}

const JSON_TYPES = new Set(["application/json", "text/json"]);

/** Whether a body of this media type (without parameters) can be read; else the server answers 415. */
export function isJsonMediaType(mediaType: string): boolean {
  return JSON_TYPES.has(mediaType) || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkString(errors: ModelState, key: string, value: unknown, min: number, max: number): value is string {
  if (typeof value !== "string") {
    (errors[key] ??= []).push("The value must be a string.");
    return false;
  }
  if (value.length < min || value.length > max) {
    (errors[key] ??= []).push(`The value must be ${min} to ${max} characters long.`);
    return false;
  }
  return true;
}

/** Parses and checks a JSON body (an empty body is every default). */
export function parseEnqueueBody(body: Buffer): Parsed<EnqueueRequest> {
  const defaults: EnqueueRequest = { workerTag: "", credentialId: undefined, questions: [], priority: "Default" };
  const text = body.toString("utf8");
  if (text.trim() === "") return { ok: true, value: defaults };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, modelState: { contract: [`The body is not valid JSON: ${(error as Error).message}`] } };
  }
  if (!isRecord(parsed)) return { ok: false, modelState: { contract: ["The body must be a JSON object."] } };

  const errors: ModelState = {};
  const value = { ...defaults };
  if (parsed.workerTag !== undefined && checkString(errors, "contract.workerTag", parsed.workerTag, 0, 256)) {
    value.workerTag = parsed.workerTag;
  }
  if (parsed.credentialId !== undefined && checkString(errors, "contract.credentialId", parsed.credentialId, 1, 256)) {
    value.credentialId = parsed.credentialId;
  }
  if (parsed.priority !== undefined) {
    if (typeof parsed.priority === "string" && (PRIORITY_NAMES as readonly string[]).includes(parsed.priority)) {
      value.priority = parsed.priority as PriorityName;
    } else {
      errors["contract.priority"] = [
        `The value ${JSON.stringify(parsed.priority)} is not valid for Priority. ` +
          `Valid values: ${PRIORITY_NAMES.join(", ")}.`,
      ];
    }
  }
  if (parsed.questions !== undefined) {
    const questions = parsed.questions;
    if (!Array.isArray(questions) || questions.length > 1000) {
      errors["contract.questions"] = ["The value must be an array of at most 1000 {name, value} objects."];
    } else {
      questions.forEach((q: unknown, k) => {
        const at = `contract.questions[${k}]`;
        if (!isRecord(q)) {
          errors[at] = ["Each question must be an object with a name and a value."];
          return;
        }
        const nameOk = checkString(errors, `${at}.name`, q.name, 1, 256);
        const valueOk = checkString(errors, `${at}.value`, q.value, 0, 1_000_000);
        if (nameOk && valueOk) value.questions.push({ name: q.name as string, value: q.value as string });
      });
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, modelState: errors } : { ok: true, value };
}
