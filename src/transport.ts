/**
 * The fetch that openapi-fetch calls: adds the bearer token, enforces the timeout and the body size limit,
 * retries what is safe to retry, renews the token once after a 401, and turns every failure into a JobsApiError.
 */
import type { TokenSource } from "./auth.js";
import type { SecretScrubber } from "./errors.js";
import { ParsedResponse, type PlainRequest } from "./http-objects.js";
import { operationFor } from "./params.js";
import { backoff, retryAfterMs, sleep } from "./timing.js";

export interface RetryOptions {
  /** How many times a retriable request is tried again (0 turns retries off). Default 2. */
  retries?: number;
  /** The first backoff, doubled each retry, with jitter. Default 300 ms. */
  baseDelayMs?: number;
  /** The longest backoff between two tries. Default 5,000 ms. */
  maxDelayMs?: number;
  /** A longer Retry-After than this is not waited for: the error is returned instead. Default 30,000 ms. */
  maxRetryAfterMs?: number;
}

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  maxResponseBytes: number;
  tokens: () => TokenSource;
  scrubber: SecretScrubber;
  headers: Record<string, string>;
  debug: ((line: string) => void) | undefined;
}

/** Statuses that mean "try again later" for a request that is safe to repeat. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const MAX_REDIRECTS = 5;

class Timeout extends Error {}

export function createTransport(options: TransportOptions): (request: Request | PlainRequest) => Promise<Response> {
  const { scrubber, retry } = options;
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, "");

  return async function transport(request: Request | PlainRequest): Promise<Response> {
    const method = request.method;
    let url = new URL(request.url);
    const apiPath = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const operationId = operationFor(method, apiPath);
    const label = `${operationId ?? "request"} (${method} ${apiPath})`;
    const fail = (kind: "network" | "timeout" | "invalid-response" | "http", message: string, extra: { status?: number; cause?: unknown; body?: unknown } = {}) =>
      scrubber.error({ kind, message: `${label}: ${message}`, operationId, method, path: apiPath, ...extra });

    const isTokenRequest = operationId === "requestToken";
    const retriable = method === "GET" || isTokenRequest;
    const callerSignal: AbortSignal | null = request.signal;
    const body = request.body ? await request.text() : undefined;
    const headers = new Headers(options.headers);
    request.headers.forEach((value, name) => headers.set(name, value));
    if (!headers.has("accept")) headers.set("accept", "application/json");

    let token = isTokenRequest ? undefined : await options.tokens().current();
    let renewed = false;
    let retries = 0;
    let redirects = 0;

    for (;;) {
      callerSignal?.throwIfAborted();
      if (token) {
        scrubber.add(token);
        headers.set("authorization", `Bearer ${token}`);
      }
      const started = Date.now();
      let response: Response;
      let text: string;
      try {
        ({ response, text } = await attempt(url, { method, headers, body }, callerSignal));
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (error instanceof Timeout) throw fail("timeout", `no complete answer within ${options.timeoutMs} ms`, { cause: error });
        if (error instanceof TooLarge) throw fail("invalid-response", error.message);
        // A body that broke off after the headers is a network failure too, but say so: the server was reached.
        const cutShort = error instanceof CutShort;
        const cause = cutShort ? error.cause : error;
        if (retriable && retries < retry.retries) {
          options.debug?.(scrubber.scrub(`${method} ${apiPath} failed (${describeCause(cause)}); retrying`));
          await sleep(backoff(retries++, retry.baseDelayMs, retry.maxDelayMs), callerSignal);
          continue;
        }
        throw fail("network", cutShort
          ? `the connection closed before the whole response arrived from ${url.origin} (${describeCause(cause)})`
          : `could not reach the server at ${url.origin} (${describeCause(cause)})`, { cause });
      }
      // A token in a token response is a secret from now on, even if the response is refused below.
      if (isTokenRequest) rememberTokens(text, scrubber);
      options.debug?.(scrubber.scrub(`${method} ${apiPath} -> ${response.status} in ${Date.now() - started} ms`));

      if (response.status >= 300 && response.status < 400 || response.type === "opaqueredirect") {
        const target = response.headers.get("location");
        const next = target ? new URL(target, url) : undefined;
        if (!next || next.origin !== url.origin || redirects >= MAX_REDIRECTS) {
          throw fail("http", next && next.origin !== url.origin
            ? `the server redirected to another origin (${next.origin}); not followed, so credentials stay with ${url.origin}. Set baseUrl to the new address if it is right.`
            : next
              ? `the server redirected more than ${MAX_REDIRECTS} times (status ${response.status}); not followed further`
              : `the server answered with a redirect without a Location (status ${response.status}); not followed`, { status: response.status });
        }
        url = next;
        redirects++;
        continue;
      }
      if (response.status === 401 && token && !renewed) {
        const fresh = options.tokens().renew(token);
        if (fresh) {
          token = await fresh;
          renewed = true;
          continue;
        }
      }
      if (retriable && RETRY_STATUSES.has(response.status) && retries < retry.retries) {
        const asked = retryAfterMs(response.headers.get("retry-after"));
        if (asked === undefined || asked <= retry.maxRetryAfterMs) {
          await sleep(asked ?? backoff(retries, retry.baseDelayMs, retry.maxDelayMs), callerSignal);
          retries++;
          continue;
        }
      }
      return toResponse(response, text);
    }

    function toResponse(response: Response, text: string): Response {
      const init = { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) };
      // openapi-fetch reads "0" as no body; the exact length matters only once the body was decoded.
      if (init.headers.has("content-encoding") || !init.headers.has("content-length")) {
        init.headers.delete("content-encoding");
        init.headers.set("content-length", String(new TextEncoder().encode(text).length));
      }
      if (!response.ok || text === "") return new Response(text === "" ? null : text, init);
      const type = response.headers.get("content-type") ?? "";
      // What an error shows of the body is cut from scrubbed text: a cut through a secret would leave part of it.
      const safe = () => scrubber.scrub(text);
      if (!/[/+]json\b/i.test(type)) {
        throw fail("invalid-response", `expected a JSON body but got ${type || "no content type"}: ${preview(safe(), 200)}`, { status: response.status, body: preview(safe()) });
      }
      try {
        return new ParsedResponse(text, JSON.parse(text), init);
      } catch {
        // JSON.parse quotes the text around the error; quote the scrubbed text instead.
        const reason = syntaxErrorOf(safe());
        throw fail("invalid-response", `the body is not valid JSON (${reason.message}; ${text.length} characters, perhaps cut short)`, { status: response.status, body: preview(safe()), cause: reason });
      }
    }
  };

  /** One HTTP exchange, body included, under the timeout and the caller's signal. */
  async function attempt(url: URL, init: { method: string; headers: Headers; body: string | undefined }, callerSignal: AbortSignal | null) {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new Timeout()), options.timeoutMs);
    // AbortSignal.any costs ~20 µs a call (Node 20): only when the caller gave a signal of their own.
    const signal = callerSignal ? AbortSignal.any([callerSignal, timer.signal]) : timer.signal;
    try {
      const response = await options.fetch(url, { ...init, signal, redirect: "manual" });
      const text = await readText(response, options.maxResponseBytes).catch((error: unknown) => {
        throw error instanceof TooLarge || signal.aborted ? error : new CutShort("the body broke off", { cause: error });
      });
      return { response, text };
    } catch (error) {
      throw timer.signal.aborted ? timer.signal.reason : error;
    } finally {
      clearTimeout(timeout);
    }
  }
}

class TooLarge extends Error {}
/** The headers arrived, the body did not (connection closed or reset mid-body). */
class CutShort extends Error {}

/**
 * Reads a body as text, refusing more than `limit` bytes without holding them in memory. The bytes are counted
 * as they arrive even when Content-Length is small: with Content-Encoding it is the compressed size, and a few
 * kilobytes of gzip can inflate to gigabytes.
 */
async function readText(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge(`the body is ${declared} bytes, more than the limit of ${limit} (maxResponseBytes)`);
  }
  // Without Content-Encoding, Content-Length is the size of what arrives: read it whole.
  if (!Number.isNaN(declared) && !response.headers.has("content-encoding")) return response.text();
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let total = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(`the body is more than the limit of ${limit} bytes (maxResponseBytes)`);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Adds the access token of a token response to the secrets, whatever else is wrong with the response. */
function rememberTokens(text: string, scrubber: SecretScrubber): void {
  try {
    const body = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown };
    for (const value of [body?.access_token, body?.refresh_token]) if (typeof value === "string") scrubber.add(value);
  } catch {
    // Not JSON (or cut short): find the token the way a reader would.
  }
  for (const match of text.matchAll(/(?:access|refresh)_token["']?\s*[:=]\s*["']?([^"'&\s,}]+)/g)) scrubber.add(match[1]);
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function syntaxErrorOf(text: string): Error {
  try {
    JSON.parse(text);
    return new SyntaxError("the body is not valid JSON");
  } catch (error) {
    return error as Error;
  }
}

function preview(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
