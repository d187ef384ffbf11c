/**
 * The one path every operation takes: check the parameters, build the URL, send (with auth, retries and the
 * timeout), decode, check the answer, and word every failure the same way, with the operation and the real path.
 */
import type { TokenSource } from "./auth.js";
import { decodeJson, errorBody } from "./body.js";
import {
  type CallContext,
  type ErrorFactory,
  errorFactory,
  type JobsApiError,
  type SecretScrubber,
  serverMessageOf,
} from "./errors.js";
import type { FileAnswer, InputOf, OkOf, OperationId } from "./operation-types.js";
import type { Settings } from "./options.js";
import { checkedParams, operationOf } from "./params.js";
import { EXPECTED } from "./shapes.js";
import { createTransport, type Received } from "./transport.js";
import type { JobsApiErrorReason } from "./types.js";
import { buildPath, displayPath, queryString, RequestProblem } from "./url.js";

/** How an operation's refusals read: the reason a 4xx answer gives, from its status and the server's words. */
export type ReasonOf = (status: number, serverMessage: string) => JobsApiErrorReason | undefined;

export interface Caller {
  /**
   * Runs an operation: resolves with its decoded, checked 2xx body, or, where the spec allows any file, with the
   * file as soon as its headers arrive.
   */
  call<K extends OperationId>(operationId: K, input: InputOf<K>, reasonOf?: ReasonOf): Promise<OkOf<K>>;
  /** How a failure of an operation is worded when it is not one HTTP exchange's (waiting, paging, choosing). */
  errorFor(operationId: OperationId, path?: Record<string, unknown>): ErrorFactory;
}

export function createCaller(settings: Settings, tokens: TokenSource, scrubber: SecretScrubber): Caller {
  const send = createTransport(settings, tokens, scrubber);

  async function call<K extends OperationId>(operationId: K, input: InputOf<K>, reasonOf?: ReasonOf) {
    const operation = operationOf(operationId);
    const given = input as { path?: Record<string, unknown>; query?: object; body?: unknown };
    const context: CallContext = { operationId, method: operation.method, path: operation.path };
    const fail = errorFactory(scrubber, context);
    let url: string;
    try {
      const path = checkedParams(operationId, "path", given.path, settings.checkRequests);
      context.path = buildPath(operation.path, path);
      const query = checkedParams(operationId, "query", given.query, settings.checkRequests);
      url = settings.baseUrl + context.path + queryString(query);
    } catch (error) {
      if (!(error instanceof RequestProblem)) throw error;
      // The error names the path the caller asked for, even when it could not be built.
      if (context.path === operation.path) context.path = displayPath(operation.path, given.path);
      throw fail({ kind: "invalid-request", detail: `${error.message}; nothing was sent` });
    }
    const encoded = encodeBody(operation.body, given.body);
    const accept = operation.response ?? "application/json";
    const json = accept === "application/json";
    const received = await send(
      {
        method: operation.method,
        url,
        path: context.path,
        body: encoded.body,
        headers: { accept, ...encoded.headers, ...input.headers },
        signal: input.signal,
        retriable: operation.retry,
        authorize: operation.authenticated !== false,
        stream: !json,
      },
      fail,
    );
    rememberTokens(received.text, scrubber);
    if (!received.response.ok) throw httpError(received, scrubber, fail, reasonOf);
    const { response } = received;
    if (!json) {
      if (!received.stream)
        throw fail({ kind: "invalid-response", status: response.status, detail: "the response has no body" });
      return { response, body: received.stream } satisfies FileAnswer as OkOf<K>;
    }
    const data = decodeJson(response, received.text, scrubber, fail);
    // The full check, when asked for, names each violation with its JSON path; else the client's own minimum.
    const violations = settings.validateResponses?.(operationId, response.status, data) ?? [];
    const problems = violations.map((v) => `${v.path} ${v.message}`);
    const expected = EXPECTED[operationId];
    if (problems.length === 0 && expected && !expected.fits(data)) problems.push(`expected ${expected.description}`);
    if (problems.length > 0) {
      const detail = `the ${response.status} response does not match the spec: ${problems.slice(0, 5).join("; ")}`;
      throw fail({ kind: "invalid-response", status: response.status, detail, body: data });
    }
    // The one cast: the body was decoded from the operation's 2xx answer and checked (fully when asked for).
    return data as OkOf<K>;
  }

  return {
    call,
    errorFor: (operationId, path) => {
      const { method, path: template } = operationOf(operationId);
      return errorFactory(scrubber, { operationId, method, path: displayPath(template, path) });
    },
  };
}

/** The request body as the operation's content type wants it. */
function encodeBody(type: string | undefined, body: unknown): { body?: string; headers?: Record<string, string> } {
  if (body === undefined || type === undefined) return {};
  if (type === "application/x-www-form-urlencoded") {
    return { body: new URLSearchParams(body as Record<string, string>).toString(), headers: { "content-type": type } };
  }
  return { body: JSON.stringify(body), headers: { "content-type": type } };
}

/** A non-2xx answer as a JobsApiError, with the server's words and, where the operation reads them, why. */
function httpError(
  received: Received,
  scrubber: SecretScrubber,
  fail: ErrorFactory,
  reasonOf?: ReasonOf,
): JobsApiError {
  const { response, text } = received;
  const body = errorBody(response, text, scrubber);
  const serverMessage = serverMessageOf(body);
  const { status, statusText } = response;
  const reason = serverMessage ? reasonOf?.(status, serverMessage) : undefined;
  return fail({ kind: "http", status, statusText, detail: serverMessage, serverMessage, body, reason });
}

/**
 * Adds the tokens of an answer that carries any (the token endpoint's, or a server that echoes one) to the secrets,
 * whatever else is wrong with the answer.
 */
function rememberTokens(text: string, scrubber: SecretScrubber): void {
  if (!text.includes("_token")) return;
  try {
    const body = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown };
    for (const value of [body?.access_token, body?.refresh_token]) if (typeof value === "string") scrubber.add(value);
  } catch {
    // Not JSON (or cut short): find the token the way a reader would.
  }
  for (const match of text.matchAll(/(?:access|refresh)_token["']?\s*[:=]\s*["']?([^"'&\s,}]+)/g))
    scrubber.add(match[1]);
}
