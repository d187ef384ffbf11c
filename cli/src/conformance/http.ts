/**
 * Requests straight to the server, without Prism in between: for pre-flight, for the checks Prism would answer
 * itself (a missing token, a lowercase `bearer`), and for the server profile. Every exchange is kept as a short
 * line (method, path and query, status) so each answer in the report can name the request that showed it.
 */

export interface Exchange {
  /** e.g. "GET /v3/jobs?limit=1 → 200" */
  line: string;
  method: string;
  /** The path below the target and its query, e.g. "/v3/jobs?limit=1". */
  path: string;
  status: number;
  headers: Headers;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
}

export interface DirectRequest {
  method?: "GET" | "POST" | "DELETE";
  /** A bearer token: sent as `Authorization: Bearer <token>` unless `authorization` is given. */
  token?: string;
  /** The whole Authorization header, for checks of its form. */
  authorization?: string;
  form?: Record<string, string>;
  json?: unknown;
  /** Read only the status and headers, and cancel the body (a file of any size). */
  discardBody?: boolean;
}

export type Direct = (path: string, request?: DirectRequest) => Promise<Exchange>;

/** A function that sends requests to `target` (the API root, ending in /webapi) with a per-request timeout. */
export function directTo(target: string, timeoutMs: number, onExchange?: (exchange: Exchange) => void): Direct {
  const root = target.replace(/\/+$/, "");
  return async (path, request = {}) => {
    const method = request.method ?? (request.form || request.json !== undefined ? "POST" : "GET");
    const headers: Record<string, string> = { accept: "application/json" };
    if (request.authorization !== undefined) headers.authorization = request.authorization;
    else if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(request.form).toString();
    } else if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    }
    const response = await fetch(`${root}${path}`, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    if (request.discardBody) await response.body?.cancel();
    const text = request.discardBody ? "" : await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = text.slice(0, 2000);
    }
    const exchange = {
      line: `${method} ${path} → ${response.status}`,
      method,
      path,
      status: response.status,
      headers: response.headers,
      body: parsed,
    };
    onExchange?.(exchange);
    return exchange;
  };
}
