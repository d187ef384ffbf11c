/**
 * The bodies of refusals (401, 403, 404) as the quirk errorBodies shapes them: the spec's `{ message }`, an empty
 * body, or the message as plain text. The token endpoint's 401 keeps its OAuth body (RFC 6749 gives it).
 */
import type { Reply } from "./http.js";
import type { Quirks } from "./quirks.js";

const REFUSALS = new Set([401, 403, 404]);

export function refusalBody(style: Quirks["errorBodies"]): (reply: Reply, path: string) => Reply {
  return (reply, path) => {
    if (style === "message" || !REFUSALS.has(reply.status) || reply.stream || path.startsWith("/oauth2/")) {
      return reply;
    }
    if (style === "empty") return { ...reply, body: undefined };
    const text = Buffer.from(String((reply.body as { message?: unknown } | undefined)?.message ?? ""));
    const headers = {
      ...reply.headers,
      "content-type": "text/plain; charset=utf-8",
      "content-length": `${text.length}`,
    };
    return { status: reply.status, body: undefined, headers, stream: [text] };
  };
}
