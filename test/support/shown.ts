/** What an error shows anyone, for tests that assert no secret is in it. */
import { inspect } from "node:util";

/** Everything an error shows anyone: message, stack, JSON, util.inspect, and the same for its whole cause chain. */
export function everythingShown(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(String(e), (e as Error).stack ?? "", safeJson(e), inspect(e, { depth: 10, showHidden: true }));
    if (typeof e === "object") parts.push(...Object.values(e as object).map((v) => (typeof v === "string" ? v : safeJson(v))));
  }
  return parts.join("\n");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    return String(error);
  }
}

/**
 * What every JobsApiError must say about its call: the operation, the method and the real path (encoded as it was
 * sent, never the `{template}`), and a message that starts with exactly those.
 */
export function callContextProblems(error: unknown): string[] {
  const e = error as { operationId?: unknown; method?: unknown; path?: unknown; message?: unknown };
  const problems: string[] = [];
  if (typeof e.operationId !== "string" || e.operationId === "") problems.push("no operationId");
  if (typeof e.method !== "string" || !/^(GET|POST|DELETE)$/.test(e.method)) problems.push(`method ${String(e.method)}`);
  if (typeof e.path !== "string" || !/^\/[^{}?#]*$/.test(e.path)) problems.push(`path ${String(e.path)}`);
  const label = `${String(e.operationId)} (${String(e.method)} ${String(e.path)}) failed`;
  if (typeof e.message !== "string" || !e.message.startsWith(label)) problems.push(`message does not start with "${label}"`);
  return problems;
}
