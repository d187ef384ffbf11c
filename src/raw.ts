/**
 * `raw`: the openapi-fetch client, typed by the spec's paths, for people who want it. It runs over the same
 * transport as every method (auth, retries, timeout, redirects), so only its request object is openapi-fetch's.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { decodeJson } from "./body.js";
import type { Caller } from "./call.js";
import { errorFactory } from "./errors.js";
import { operations } from "./params.js";
import { buildPath, displayPath, queryString, RequestProblem } from "./url.js";

/** Which operation a request is, from its method and its path below the base URL, for error messages. */
const templates = Object.entries(operations).map(([id, op]) => ({
  id,
  method: op.method as string,
  pattern: new RegExp(`^${op.path.replace(/\{[^{}]+\}/g, "(?:[^/]+|\\{[^{}]+\\})")}$`),
}));

export function createRawClient(baseUrl: string, caller: Caller): Client<paths> {
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");

  async function fetchOverTransport(request: Request): Promise<Response> {
    const { method } = request;
    const { pathname, hash } = new URL(request.url);
    const note = hash ? refused.get(request.url) : undefined;
    const path = note
      ? displayPath(note.template, note.values)
      : pathname.slice(pathname.startsWith(basePath) ? basePath.length : 0);
    const operationId =
      templates.find((t) => t.method === method && t.pattern.test(note?.template ?? path))?.id ?? "request";
    const fail = errorFactory(caller.scrubber, { operationId, method, path });
    if (note) throw fail({ kind: "invalid-request", detail: `${note.problem}; nothing was sent` });
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const { response, text } = await caller.send(
      {
        method,
        url: request.url,
        path,
        headers,
        body: request.body ? await request.text() : undefined,
        signal: request.signal,
        retriable: method === "GET" || operationId === "requestToken",
        authorize: operationId === "request" || operations[operationId as keyof typeof operations].authenticated,
      },
      fail,
    );
    // The same JSON check as every method: a 2xx that is not JSON is an "invalid-response" JobsApiError.
    if (response.ok) decodeJson(response, text, caller.scrubber, fail);
    // The text is decoded already: its encoding and length headers describe bytes that are gone.
    const copied = new Headers(response.headers);
    copied.delete("content-encoding");
    copied.delete("content-length");
    return new Response(text === "" ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: copied,
    });
  }

  /**
   * A path value no URL can carry is refused like every method refuses it, with an "invalid-request" error. The
   * path serializer does not know the method, so it leaves a placeholder and a note that the fetch reads.
   */
  const refused = new Map<string, { template: string; values: Record<string, unknown>; problem: string }>();
  function serializePath(url: string, values: Record<string, unknown>): string {
    try {
      return buildPath(url, values);
    } catch (error) {
      if (!(error instanceof RequestProblem)) throw error;
      const placeholder = `${url.replace(/\{[^{}]+\}/g, "_")}#refused-${refused.size}`;
      if (refused.size > 100) refused.clear(); // notes of requests a middleware never sent
      refused.set(placeholder, { template: url.slice(baseUrl.length), values, problem: error.message });
      return placeholder;
    }
  }

  return createClient<paths>({
    baseUrl,
    fetch: fetchOverTransport,
    pathSerializer: serializePath,
    querySerializer: (query) => queryString(query as Record<string, unknown>).slice(1),
  });
}
