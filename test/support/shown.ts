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
