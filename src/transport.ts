/**
 * One HTTP exchange as the client makes it: the bearer token, the timeout, the body size limit, redirects within
 * the origin, one token renewal after a 401, and retries of what is safe to retry. It knows nothing of operations:
 * the caller says what to send, whether it may be retried, and how to word a failure.
 */
import type { TokenSource } from "./auth.js";
import { CutShort, guardedStream, readText, TooLarge } from "./body.js";
import type { ErrorFactory, Failure, SecretScrubber } from "./errors.js";
import type { Settings } from "./options.js";
import { backoff, linkedSignal, retryAfterMs, sleep, startTimer } from "./timing.js";

export interface Exchange {
  method: string;
  url: string;
  /** The path as debug lines show it. */
  path: string;
  headers?: Record<string, string>;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Safe to send again after a network error or a "try later" status (GET, and the token request). */
  retriable: boolean;
  /** Sends the bearer token. */
  authorize: boolean;
  /** Hands a 2xx body over as a stream instead of reading it (job outputs). */
  stream?: boolean;
}

export interface Received {
  response: Response;
  /** The body as text; "" for a streamed answer. */
  text: string;
  /** A streamed 2xx body. */
  stream?: ReadableStream<Uint8Array> | undefined;
}

export type Send = (exchange: Exchange, fail: ErrorFactory) => Promise<Received>;

/** Statuses that mean "try again later" for a request that is safe to repeat. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const MAX_REDIRECTS = 5;

class Timeout extends Error {}

export function createTransport(settings: Settings, tokens: TokenSource, scrubber: SecretScrubber): Send {
  const { retry, debug } = settings;

  return async function send(exchange, fail) {
    const { signal } = exchange;
    const headers: Record<string, string> = { ...settings.headers, ...exchange.headers };
    let { method, url, body } = exchange;
    let token = exchange.authorize ? await tokens.current() : undefined;
    let renewed = false;
    let retries = 0;
    let redirects = 0;

    for (;;) {
      signal?.throwIfAborted();
      if (token) {
        scrubber.add(token);
        headers.authorization = `Bearer ${token}`;
      }
      const started = Date.now();
      let received: Received;
      try {
        received = await attempt(url, { method, headers, body }, exchange, fail);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure = networkFailure(error, url, settings);
        if (failure.kind === "network" && exchange.retriable && retries < retry.retries) {
          debug?.(scrubber.scrub(`${method} ${exchange.path} failed (${describeCause(failure.cause)}); retrying`));
          await sleep(backoff(retries++, retry.baseDelayMs, retry.maxDelayMs), signal);
          continue;
        }
        throw fail(failure);
      }
      const { response } = received;
      debug?.(scrubber.scrub(`${method} ${exchange.path} -> ${response.status} in ${Date.now() - started} ms`));

      if (isRedirect(response)) {
        url = redirectTarget(response, url, redirects++, fail);
        // A 303 is followed with GET (RFC 9110, 15.4.4), and so is a 301 or 302 after a POST (as fetch does,
        // 15.4.2): the body, and what says what it is, stay behind.
        const { status } = response;
        if ((status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
          method = "GET";
          body = undefined;
          delete headers["content-type"];
        }
        continue;
      }
      if (response.status === 401 && token && !renewed) {
        const fresh = tokens.renew(token);
        if (fresh) {
          token = await fresh;
          renewed = true;
          continue;
        }
      }
      const delay = exchange.retriable && retries < retry.retries ? retryDelay(response, retries, settings) : undefined;
      if (delay !== undefined) {
        await sleep(delay, signal);
        retries++;
        continue;
      }
      return received;
    }
  };

  /** One exchange under the timeout and the caller's signal; the body is read whole unless it is a streamed 2xx. */
  async function attempt(url: string, init: RequestInit, exchange: Exchange, fail: ErrorFactory): Promise<Received> {
    const timer = new AbortController();
    const abort = () => timer.abort(new Timeout());
    let stopTimer: (() => void) | undefined = startTimer(settings.timeoutMs, abort);
    const callerSignal = exchange.signal;
    const signal = linkedSignal(timer, callerSignal);
    try {
      const response = await settings.fetch(url, { ...init, signal, redirect: "manual" });
      if (exchange.stream && response.ok && response.body) {
        stopTimer();
        stopTimer = undefined;
        const streamFailure = (error: unknown) => {
          if (callerSignal?.aborted) return callerSignal.reason;
          const failure = networkFailure(
            timer.signal.aborted ? timer.signal.reason : new CutShort("", { cause: error }),
            url,
            settings,
          );
          return fail(failure);
        };
        return { response, text: "", stream: guardedStream(response.body, settings.timeoutMs, abort, streamFailure) };
      }
      const text = await readText(response, settings.maxResponseBytes).catch((error: unknown) => {
        throw error instanceof TooLarge || signal.aborted
          ? error
          : new CutShort("the body broke off", { cause: error });
      });
      return { response, text };
    } catch (error) {
      throw timer.signal.aborted ? timer.signal.reason : error;
    } finally {
      stopTimer?.();
    }
  }
}

/** What a failed exchange (no usable answer) means for the caller. */
function networkFailure(error: unknown, url: string, settings: Settings): Failure {
  const origin = new URL(url).origin;
  if (error instanceof Timeout) {
    return { kind: "timeout", detail: `no complete answer within ${settings.timeoutMs} ms`, cause: error };
  }
  if (error instanceof TooLarge) return { kind: "invalid-response", detail: error.message };
  // A body that broke off after the headers is a network failure too, but say so: the server was reached.
  if (error instanceof CutShort) {
    const cause = error.cause;
    const detail = `the connection closed before the whole response arrived from ${origin} (${describeCause(cause)})`;
    return { kind: "network", detail, cause };
  }
  return { kind: "network", detail: `could not reach the server at ${origin} (${describeCause(error)})`, cause: error };
}

function isRedirect(response: Response): boolean {
  return (response.status >= 300 && response.status < 400) || response.type === "opaqueredirect";
}

/** Where a redirect leads, if it may be followed: same origin (credentials stay there), at most 5 times. */
function redirectTarget(response: Response, url: string, redirects: number, fail: ErrorFactory): string {
  const location = response.headers.get("location");
  const from = new URL(url);
  const next = location ? new URL(location, from) : undefined;
  const { status } = response;
  if (!next) return failWith(`the server answered with a redirect without a Location (status ${status}); not followed`);
  if (next.origin !== from.origin) {
    return failWith(
      `the server redirected to another origin (${next.origin}); not followed, so credentials stay with ` +
        `${from.origin}. Set baseUrl to the new address if it is right.`,
    );
  }
  if (redirects >= MAX_REDIRECTS) {
    return failWith(`the server redirected more than ${MAX_REDIRECTS} times (status ${status}); not followed further`);
  }
  return next.href;

  function failWith(detail: string): never {
    throw fail({ kind: "http", status, detail });
  }
}

/** How long to wait before trying again after a "try later" status, or undefined when not to try again. */
function retryDelay(response: Response, retries: number, settings: Settings): number | undefined {
  if (!RETRY_STATUSES.has(response.status)) return undefined;
  const { baseDelayMs, maxDelayMs, maxRetryAfterMs } = settings.retry;
  const asked = retryAfterMs(response.headers.get("retry-after"));
  if (asked === undefined) return backoff(retries, baseDelayMs, maxDelayMs);
  return asked <= maxRetryAfterMs ? asked : undefined;
}

export function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
