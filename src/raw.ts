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
  path: op.path as string,
  pattern: new RegExp(`^${op.path.replace(/\{[^{}]+\}/g, "[^/]+")}$`),
}));

export function createRawClient(baseUrl: string, caller: Caller): Client<paths> {
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");

  async function fetchOverTransport(request: Request): Promise<Response> {
    const { method } = request;
    const { pathname } = new URL(request.url);
    const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
    const operationId = templates.find((t) => t.method === method && t.pattern.test(path))?.id ?? "request";
    const fail = errorFactory(caller.scrubber, { operationId, method, path });
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
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
    return new Response(text === "" ? null : text, { status: response.status, statusText: response.statusText, headers: copied });
  }

  /** A value no URL can carry is refused like every method refuses it: an "invalid-request" JobsApiError. */
  function refuse<T>(template: string, values: Record<string, unknown> | undefined, build: () => T): T {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof RequestProblem)) throw error;
      const matches = templates.filter((t) => t.path === template);
      const context = {
        operationId: matches.length === 1 ? matches[0]!.id : "request",
        method: matches.length === 1 ? matches[0]!.method : "?",
        path: displayPath(template, values),
      };
      throw errorFactory(caller.scrubber, context)({ kind: "invalid-request", detail: `${error.message}; nothing was sent` });
    }
  }

  return createClient<paths>({
    baseUrl,
    fetch: fetchOverTransport,
    pathSerializer: (template, values) => refuse(template, values, () => buildPath(template, values)),
    // openapi-fetch does not tell the query serializer which path it is for: such an error names no operation.
    querySerializer: (query) => refuse("", undefined, () => queryString(query as Record<string, unknown>).slice(1)),
  });
}
