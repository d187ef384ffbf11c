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
import type { Settings } from "./options.js";
import { checkedParams, type OperationId, operations } from "./params.js";
import { EXPECTED } from "./shapes.js";
import { createTransport, type Received, type Send } from "./transport.js";
import { buildPath, displayPath, queryString, RequestProblem } from "./url.js";

export interface CallInput {
  path?: object | undefined;
  query?: object | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

export interface StreamedAnswer {
  response: Response;
  body: ReadableStream<Uint8Array>;
}

export interface Caller {
  /** Runs an operation and resolves with its decoded, checked 2xx body. */
  call<T>(operationId: OperationId, input?: CallInput): Promise<T>;
  /** Runs an operation whose 2xx body is a file, and resolves as soon as its headers arrive. */
  stream(operationId: OperationId, input?: CallInput): Promise<StreamedAnswer>;
  /** How a failure of an operation is worded when it is not one HTTP exchange's (waiting, paging, choosing). */
  errorFor(operationId: OperationId, path?: Record<string, unknown>): ErrorFactory;
  /** The transport underneath, for the openapi-fetch client (`raw`). */
  send: Send;
  scrubber: SecretScrubber;
}

export function createCaller(settings: Settings, tokens: TokenSource, scrubber: SecretScrubber): Caller {
  const send = createTransport(settings, tokens, scrubber);

  async function exchange(operationId: OperationId, input: CallInput, stream: boolean) {
    const operation = operations[operationId];
    const context: CallContext = { operationId, method: operation.method, path: operation.path };
    const fail = errorFactory(scrubber, context);
    let url: string;
    try {
      const path = checkedParams(operationId, "path", input.path, settings.checkRequests);
      context.path = buildPath(operation.path, path);
      const query = checkedParams(operationId, "query", input.query, settings.checkRequests);
      url = settings.baseUrl + context.path + queryString(query);
    } catch (error) {
      if (!(error instanceof RequestProblem)) throw error;
      // The error names the path the caller asked for, even when it could not be built.
      if (context.path === operation.path)
        context.path = displayPath(operation.path, input.path as Record<string, unknown>);
      throw fail({ kind: "invalid-request", detail: `${error.message}; nothing was sent` });
    }
    const encoded = encodeBody(operation.body, input.body);
    const received = await send(
      {
        method: operation.method,
        url,
        path: context.path,
        body: encoded.body,
        headers: { ...encoded.headers, ...input.headers },
        signal: input.signal,
        retriable: operation.method === "GET" || operationId === "requestToken",
        authorize: operation.authenticated,
        stream,
      },
      fail,
    );
    if (operationId === "requestToken") rememberTokens(received.text, scrubber);
    if (!received.response.ok) throw httpError(operationId, received, scrubber, fail);
    return { received, fail };
  }

  return {
    send,
    scrubber,
    errorFor: (operationId, path) => {
      const { method, path: template } = operations[operationId];
      return errorFactory(scrubber, { operationId, method, path: displayPath(template, path) });
    },
    async call<T>(operationId: OperationId, input: CallInput = {}): Promise<T> {
      const { received, fail } = await exchange(operationId, input, false);
      const { response, text } = received;
      const data = decodeJson(response, text, scrubber, fail);
      // The full check, when asked for, names each violation with its JSON path; else the client's own minimum.
      const violations = settings.validateResponses?.(operationId, response.status, data) ?? [];
      const problems = violations.map((v) => `${v.path} ${v.message}`);
      const expected = EXPECTED[operationId];
      if (problems.length === 0 && !expected.fits(data)) problems.push(`expected ${expected.description}`);
      if (problems.length > 0) {
        const detail = `the ${response.status} response does not match the spec: ${problems.slice(0, 5).join("; ")}`;
        throw fail({ kind: "invalid-response", status: response.status, detail, body: data });
      }
      return data as T;
    },
    async stream(operationId: OperationId, input: CallInput = {}): Promise<StreamedAnswer> {
      const { received, fail } = await exchange(operationId, input, true);
      const { response, stream } = received;
      if (!stream)
        throw fail({ kind: "invalid-response", status: response.status, detail: "the response has no body" });
      return { response, body: stream };
    },
  };
}

/** The request body as the operation's content type wants it. */
function encodeBody(type: string | null, body: unknown): { body?: string; headers?: Record<string, string> } {
  if (body === undefined || type === null) return {};
  if (type === "application/x-www-form-urlencoded") {
    return { body: new URLSearchParams(body as Record<string, string>).toString(), headers: { "content-type": type } };
  }
  return { body: JSON.stringify(body), headers: { "content-type": type } };
}

/** A non-2xx answer as a JobsApiError, with the server's words and, for a refused cancel, why. */
function httpError(
  operationId: OperationId,
  received: Received,
  scrubber: SecretScrubber,
  fail: ErrorFactory,
): JobsApiError {
  const { response, text } = received;
  const body = errorBody(response, text, scrubber);
  const serverMessage = serverMessageOf(body);
  const { status, statusText } = response;
  return fail({
    kind: "http",
    status,
    statusText,
    detail: serverMessage,
    serverMessage,
    body,
    reason: reasonOf(operationId, status, serverMessage),
  });
}

/** A refused cancel says why in words only; "not-cancellable" and "not-permitted" let callers branch on it. */
function reasonOf(operationId: OperationId, status: number, serverMessage: string | undefined) {
  if (operationId !== "cancelJob" || status !== 400 || !serverMessage) return undefined;
  if (/permission/i.test(serverMessage)) return "not-permitted";
  if (/state/i.test(serverMessage)) return "not-cancellable";
  return undefined;
}

/** Adds the tokens of a token response to the secrets, whatever else is wrong with the response. */
function rememberTokens(text: string, scrubber: SecretScrubber): void {
  try {
    const body = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown };
    for (const value of [body?.access_token, body?.refresh_token]) if (typeof value === "string") scrubber.add(value);
  } catch {
    // Not JSON (or cut short): find the token the way a reader would.
  }
  for (const match of text.matchAll(/(?:access|refresh)_token["']?\s*[:=]\s*["']?([^"'&\s,}]+)/g))
    scrubber.add(match[1]);
}
