/** The one error class of the client: every failure is a JobsApiError with a `kind` that says what went wrong. */
import type { JobsApiErrorReason } from "./types.js";

export type JobsApiErrorKind =
  /** The server answered with a status that is not 2xx. */
  | "http"
  /** The request never got an answer: connection refused or reset, DNS failure, TLS error, redirect refused. */
  | "network"
  /** The request (or waitForJob) ran out of time. */
  | "timeout"
  /** The server answered 2xx, but with a body that is not what the spec describes. */
  | "invalid-response"
  /** The caller passed a value the spec does not allow; nothing was sent. */
  | "invalid-request";

export interface JobsApiErrorInit {
  kind: JobsApiErrorKind;
  message: string;
  operationId?: string | undefined;
  method?: string | undefined;
  path?: string | undefined;
  status?: number | undefined;
  serverMessage?: string | undefined;
  body?: unknown;
  reason?: JobsApiErrorReason | undefined;
  cause?: unknown;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

export class JobsApiError extends Error {
  override readonly name = "JobsApiError";
  // Declared, then set in one assignment: every field is an own property, undefined where init has none.
  declare readonly kind: JobsApiErrorKind;
  /** The operation, e.g. "getJob" (or "requestToken" for token requests). */
  declare readonly operationId: string | undefined;
  declare readonly method: string | undefined;
  /** The request path without query string, e.g. "/v3/jobs/68dd3292c97fddfcc003adcb". */
  declare readonly path: string | undefined;
  /** The HTTP status, for kind "http" and "invalid-response". */
  declare readonly status: number | undefined;
  /** The server's own words: `message` of a `{message}` body, or OAuth2 `error_description`. */
  declare readonly serverMessage: string | undefined;
  /** The response body: parsed JSON where it was JSON, else the raw text (cut to 2,000 characters). */
  declare readonly body: unknown;
  /** Why a cancel was refused: "not-cancellable" (not Queued or Running) or "not-permitted"; else undefined. */
  declare readonly reason: JobsApiErrorReason | undefined;

  constructor(init: JobsApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    const { kind, operationId, method, path, status, serverMessage, body, reason } = init;
    Object.assign(this, { kind, operationId, method, path, status, serverMessage, body, reason });
  }

  toJSON(): Record<string, unknown> {
    const { name, kind, operationId, method, path, status, serverMessage, body, reason, message } = this;
    return { name, kind, message, operationId, method, path, status, serverMessage, reason, body };
  }

  /** Node's util.inspect shows the same safe fields as JSON, plus the stack. */
  [INSPECT](): string {
    return `${this.stack ?? this.message}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

/** Words that are never allowed to reach an error or a log line, kept per client. */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  /** The client secret, also as it travels: form-encoded in the token request, or inside HTTP Basic credentials. */
  addClientCredentials(clientId: string, clientSecret: string): void {
    this.add(clientSecret);
    const forms = [
      () => encodeURIComponent(clientSecret),
      () => new URLSearchParams({ s: clientSecret }).toString().slice(2),
      () => btoa(`${clientId}:${clientSecret}`),
    ];
    for (const form of forms) {
      try {
        this.add(form());
      } catch {
        // A form that cannot be built (btoa needs Latin-1) is never sent either.
      }
    }
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join("[redacted]");
    return out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]");
  }

  /** Scrubs every string inside a JSON-like value. */
  scrubValue<T>(value: T): T {
    if (typeof value === "string") return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v)) as T;
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.scrubValue(v)])) as T;
    }
    return value;
  }

  /** A copy of an error that is safe to keep: message, stack and cause chain scrubbed. */
  scrubError(error: unknown, depth = 0): unknown {
    if (!(error instanceof Error) || depth > 5) return typeof error === "string" ? this.scrub(error) : error;
    const copy = new Error(
      this.scrub(error.message),
      error.cause === undefined ? undefined : { cause: this.scrubError(error.cause, depth + 1) },
    );
    copy.name = error.name;
    copy.stack = this.scrub(error.stack ?? "");
    const code = (error as { code?: unknown }).code;
    if (code !== undefined) (copy as { code?: unknown }).code = code;
    return copy;
  }

  error(init: JobsApiErrorInit): JobsApiError {
    return new JobsApiError({
      ...init,
      message: this.scrub(init.message),
      serverMessage: init.serverMessage === undefined ? undefined : this.scrub(init.serverMessage),
      body: this.scrubValue(init.body),
      cause: init.cause === undefined ? undefined : this.scrubError(init.cause),
    });
  }
}

/** The server's message from an error body: `{message}`, OAuth2 `{error_description}` or `{error}`, or short text. */
export function serverMessageOf(body: unknown): string | undefined {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    for (const key of ["message", "Message", "error_description", "error"]) {
      if (typeof b[key] === "string" && b[key]) return b[key] as string;
    }
    return undefined;
  }
  if (typeof body === "string") {
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
    const text = (title ?? body)
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return text ? text.slice(0, 200) : undefined;
  }
  return undefined;
}

/** Which call failed: the operation, its method and the real path (without the query string). */
export interface CallContext {
  operationId: string;
  method: string;
  path: string;
}

/** What went wrong, before it becomes a JobsApiError. */
export interface Failure {
  kind: JobsApiErrorKind;
  /** What happened, in words; for kind "http", the server's own words (if any) follow the status. */
  detail?: string | undefined;
  status?: number | undefined;
  statusText?: string | undefined;
  serverMessage?: string | undefined;
  body?: unknown;
  reason?: JobsApiErrorReason | undefined;
  cause?: unknown;
}

/** Builds a JobsApiError from a failure: the one place where errors are made, with the one message format. */
export type ErrorFactory = (failure: Failure) => JobsApiError;

/**
 * `getJob (GET /v3/jobs/j1) failed with 404 Not Found: Job not found.` for an HTTP status;
 * `getJob (GET /v3/jobs/j1) failed: no complete answer within 30000 ms` for everything else.
 */
export function errorFactory(scrubber: SecretScrubber, context: CallContext): ErrorFactory {
  return (failure) => {
    const { operationId, method, path } = context;
    const status =
      failure.kind === "http" ? ` with ${failure.status}${failure.statusText ? ` ${failure.statusText}` : ""}` : "";
    const detail = failure.detail ? `: ${failure.detail}` : "";
    return scrubber.error({
      ...failure,
      message: `${operationId} (${method} ${path}) failed${status}${detail}`,
      operationId,
      method,
      path,
    });
  };
}
