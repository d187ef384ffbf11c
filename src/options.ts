/** The client's options, their defaults in one place, and the normaliser that turns one into the other. */
import type { JobsClientAuth } from "./auth.js";
import { parseBaseUrl } from "./url.js";
import type { ResponseValidator } from "./validate.js";

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

export interface JobsClientOptions {
  /** The server's API root, e.g. "https://alteryx.example.com/webapi" (the Prism mock: "http://127.0.0.1:4010"). */
  baseUrl: string;
  auth: JobsClientAuth;
  /** A fetch to use instead of the global one: an undici fetch with a custom CA, a test double, a proxy. */
  fetch?: typeof globalThis.fetch;
  /**
   * Time for one HTTP exchange, body included (default 30,000 ms; Infinity for no limit). For a streamed job
   * output: the time to its headers, then the longest wait for the next chunk.
   */
  timeoutMs?: number;
  /** Retries of GET and token requests on network errors, 429, 502, 503, 504; a number is the retry count. */
  retry?: number | RetryOptions;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Check every response body against the spec: pass `responseValidator()` from "alteryx-jobs-api/validate". */
  validateResponses?: ResponseValidator;
  /** Larger JSON bodies are refused with a JobsApiError instead of being held in memory. Default 16 MiB; Infinity for no limit. */
  maxResponseBytes?: number;
  /**
   * Check parameters against the spec before sending (default true). Turn it off to let the server judge
   * values the spec does not know yet; its 400 then arrives as a JobsApiError.
   */
  checkRequests?: boolean;
  /** Receives one line per HTTP exchange (method, path, status, time), never headers or secrets. */
  debug?: (line: string) => void;
}

export const DEFAULTS = {
  timeoutMs: 30_000,
  retry: { retries: 2, baseDelayMs: 300, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 },
  maxResponseBytes: 16 * 1024 * 1024,
  checkRequests: true,
} as const;

/** Everything the client runs on, with every default filled in. */
export interface Settings {
  /** The API root without a trailing slash. */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  maxResponseBytes: number;
  headers: Record<string, string>;
  checkRequests: boolean;
  validateResponses: ResponseValidator | undefined;
  debug: ((line: string) => void) | undefined;
}

/** What a number option may be: at least `min` (or above it), whole, and whether Infinity means "no limit". */
export interface NumberRule {
  min: number;
  above?: boolean;
  whole?: boolean;
  unbounded?: boolean;
}

/**
 * The value of a number option, or a TypeError that says what it may be: NaN, a negative timeout or a string
 * would otherwise reach setTimeout, which fires at once for any of them.
 */
export function checkedNumber(name: string, value: number, rule: NumberRule): number {
  const { min, above, whole, unbounded } = rule;
  const fits =
    typeof value === "number" &&
    (value === Number.POSITIVE_INFINITY
      ? unbounded === true
      : Number.isFinite(value) && (above ? value > min : value >= min) && (!whole || Number.isInteger(value)));
  if (fits) return value;
  const what = `${whole ? "a whole number" : "a number"} ${above ? "above" : "of at least"} ${min}`;
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  throw new TypeError(`${name} must be ${what}${unbounded ? " (or Infinity, for no limit)" : ""}, got ${shown}`);
}

/** A time limit: above 0, or Infinity for none. */
export const TIME_LIMIT: NumberRule = { min: 0, above: true, unbounded: true };
/** A delay: 0 or more. */
export const DELAY: NumberRule = { min: 0 };
/** The longest delay: 0 or more, or Infinity for no cap. */
const DELAY_CAP: NumberRule = { min: 0, unbounded: true };

export function normalizeOptions(options: JobsClientOptions): Settings {
  const baseUrl = parseBaseUrl(options.baseUrl);
  if (baseUrl === undefined) {
    throw new TypeError(`baseUrl must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
  }
  const retry = {
    ...DEFAULTS.retry,
    ...(typeof options.retry === "number" ? { retries: options.retry } : options.retry),
  };
  // Headers are sent as a plain object, lower-cased so that the client's own (accept, authorization) replace them.
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    baseUrl,
    // Called through a wrapper so that a global fetch patched later (by a test or an APM agent) is used.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: checkedNumber("timeoutMs", options.timeoutMs ?? DEFAULTS.timeoutMs, TIME_LIMIT),
    retry: {
      retries: checkedNumber("retry.retries", retry.retries, { min: 0, whole: true }),
      baseDelayMs: checkedNumber("retry.baseDelayMs", retry.baseDelayMs, DELAY),
      maxDelayMs: checkedNumber("retry.maxDelayMs", retry.maxDelayMs, DELAY_CAP),
      maxRetryAfterMs: checkedNumber("retry.maxRetryAfterMs", retry.maxRetryAfterMs, DELAY_CAP),
    },
    maxResponseBytes: checkedNumber("maxResponseBytes", options.maxResponseBytes ?? DEFAULTS.maxResponseBytes, {
      min: 0,
      above: true,
      whole: true,
      unbounded: true,
    }),
    headers,
    checkRequests: options.checkRequests ?? DEFAULTS.checkRequests,
    validateResponses: options.validateResponses,
    debug: options.debug,
  };
}
