/**
 * A real HTTP server on 127.0.0.1 that misbehaves on purpose, one route per case, and the table of those cases.
 *
 * Each case gets its own base URL (`<server>/<case id>/webapi`), so the server can count the attempts of each
 * case separately. Token requests (`POST .../oauth2/token`) succeed unless a case says otherwise; every other
 * request is answered by the case's `respond`. The same table drives test/reliability/hostile.test.ts and the
 * "Failure behaviour" table of docs/failures.md (scripts/render-failure-table.ts), so the two cannot disagree.
 *
 * This module must not import vitest: the render script imports it too.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type { JobsApiErrorKind, JobsClient, JobsClientOptions } from "../../src/index.js";
import { job as fakeJob } from "../support/fake-fetch.js";

/** The client secret every hostile case authenticates with: it must never show up anywhere. */
export const SECRET = "hostile-secret-Zq7Wm2Xk9";
/** The token the hostile server issues: it must never show up anywhere either. */
export const TOKEN = "hostile-token-Pv4Nc8Ry3";
export const CLIENT_ID = "hostile-key";
export const FIFTY_MIB = 50 * 1024 * 1024;

/** The client options every case starts from (a case may override some). */
export const CASE_CLIENT_OPTIONS = {
  timeoutMs: 1_000,
  retry: { retries: 2, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 },
} satisfies Partial<JobsClientOptions>;

export const JOB_ID = "68dd3292c97fddfcc003adcb";
export const WORKFLOW_ID = "68dd32922a719467662d27c7";

/** A valid job body (the same one the unit tests use), for the workflow above. */
export const job = (id: string, status = "Running") => fakeJob(id, status, { appId: WORKFLOW_ID });

/** What the server saw of one case. */
export interface CaseState {
  /** API requests (token requests not counted). */
  attempts: number;
  tokenRequests: number;
  /** The Authorization header of each API request. */
  authorizations: (string | undefined)[];
  /** Body bytes the server managed to write for this case (large-body cases). */
  bytesSent: number;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The raw TCP socket (node:net), for misbehaviour below HTTP. */
  socket: Socket;
  state: CaseState;
  servers: HostileServers;
  /** The request path below `/<case id>/webapi`, e.g. "/v3/jobs/j1". */
  path: string;
  /** The request body as text. */
  body: string;
}

export type Expected =
  | {
      outcome: "rejects";
      kind: JobsApiErrorKind;
      status?: number;
      operationId?: string;
      serverMessage?: string;
      message: RegExp;
      attempts?: number;
      /** The name of an error in the `cause` chain whose code (or, without one, message) the message shows. */
      causeName?: string;
    }
  | { outcome: "resolves"; attempts?: number };

export interface HostileCase {
  id: string;
  /** The fault, in a few words (column "fault" of docs/failures.md). */
  fault: string;
  /** What the server does (a column of docs/failures.md). */
  server: string;
  /** What the client does about it (a column of docs/failures.md). */
  client: string;
  /** The client call, as text. */
  callText: string;
  call: (client: JobsClient) => Promise<unknown>;
  /**
   * Where the client's baseUrl points: the hostile HTTP server (default), a port with nothing listening, or a raw
   * TCP server.
   */
  target?: "http" | "refused" | "raw-tcp";
  /** Client options on top of CASE_CLIENT_OPTIONS. */
  options?: Partial<JobsClientOptions>;
  /** The token endpoint's behaviour; default: a valid token. */
  token?: (ctx: RouteContext) => void | Promise<void>;
  /** The behaviour for API requests. */
  respond?: (ctx: RouteContext) => void | Promise<void>;
  expected: Expected;
}

const JSON_TYPE = "application/json; charset=utf-8";
const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
};
const issueToken = ({ res }: RouteContext) =>
  sendJson(res, 200, { access_token: TOKEN, token_type: "bearer", expires_in: 3600 });

/** IIS's own error page, as it sends it (the lines are IIS's, joined). */
const IIS_500 = [
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
  '<html xmlns="http://www.w3.org/1999/xhtml"><head>' +
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>',
  '<title>500 - Internal server error.</title></head><body><div id="header"><h1>Server Error</h1></div>' +
    '<div id="content">',
  "<fieldset><h2>500 - Internal server error.</h2>" +
    "<h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>" +
    "</fieldset></div></body></html>",
].join("\n");

/** Streams `total` bytes of spaces in 64 KiB chunks, honouring backpressure and stopping when the client goes. */
function streamSpaces(res: ServerResponse, state: CaseState, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = () => {
    while (state.bytesSent < total) {
      if (res.destroyed || res.writableEnded) return;
      const n = Math.min(chunk.length, total - state.bytesSent);
      state.bytesSent += n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once("drain", pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

/** 50 MiB of spaces, gzipped (about 50 KB), computed once without holding the 50 MiB. */
let gzipBomb: Promise<Buffer> | undefined;
function gzippedSpaces(total: number): Promise<Buffer> {
  return (gzipBomb ??= new Promise<Buffer>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const source = Readable.from(
      (function* () {
        for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
      })(),
    );
    const parts: Buffer[] = [];
    source
      .pipe(createGzip({ level: 9 }))
      .on("data", (d: Buffer) => parts.push(d))
      .on("end", () => resolve(Buffer.concat(parts)))
      .on("error", reject);
  }));
}

const redirectTo = (res: ServerResponse, location: string, status = 302) => {
  res.writeHead(status, { location, "content-length": 0 });
  res.end();
};

/** The cases. Each `respond` misbehaves in one way; `expected` is what the client must do about it. */
export const hostileCases: HostileCase[] = [
  {
    id: "iis-html-500",
    fault: "IIS error page",
    server: "answers `500` with IIS's HTML error page (`text/html`)",
    client: "rejects at once (500 is not retried); `serverMessage` is the page's `<title>`, `body` the HTML",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res }) => {
      res.writeHead(500, "Internal Server Error", {
        "content-type": "text/html",
        "content-length": Buffer.byteLength(IIS_500),
      });
      res.end(IIS_500);
    },
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 500,
      serverMessage: "500 - Internal server error.",
      message: /failed with 500 Internal Server Error: 500 - Internal server error\./,
      attempts: 1,
    },
  },
  {
    id: "empty-502",
    fault: "Gateway error, empty body",
    server: "answers `502` with an empty body, every time",
    client: "retries a GET (backoff with jitter) up to `retry.retries` times, then rejects with the status",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res }) => {
      res.writeHead(502, "Bad Gateway", { "content-length": 0 });
      res.end();
    },
    expected: { outcome: "rejects", kind: "http", status: 502, message: /failed with 502 Bad Gateway$/, attempts: 3 },
  },
  {
    id: "invalid-json",
    fault: "Invalid JSON",
    server: "answers `200` `application/json` with a body that is not JSON",
    client: "rejects; the message says the body is not valid JSON (perhaps cut short) and `body` has the text",
    callText: "listJobs",
    call: (c) => c.listJobs(),
    respond: ({ res }) => {
      res.writeHead(200, { "content-type": JSON_TYPE });
      res.end('{"data": [{"jobId": "68dd3292c97fddfcc003adcb", "status": Queued}], ');
    },
    expected: {
      outcome: "rejects",
      kind: "invalid-response",
      status: 200,
      message: /the body is not valid JSON/,
      attempts: 1,
    },
  },
  {
    id: "truncated-body",
    fault: "Body cut short",
    server: "answers `200` with `Content-Length: 5000`, sends 40 bytes and closes the socket",
    client:
      "treats it as a broken connection: retries a GET, then rejects saying the connection closed before the whole " +
      "response arrived",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ socket }) => {
      socket.write(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n" +
          '{"id": "68dd3292c97fddfcc003adcb", "stat',
      );
      setTimeout(() => socket.destroy(), 20);
    },
    expected: { outcome: "rejects", kind: "network", message: /closed before the whole response arrived/, attempts: 3 },
  },
  {
    id: "json-as-html",
    fault: "JSON with the wrong content type",
    server: "answers `200` with a valid job as JSON, labelled `Content-Type: text/html`",
    client:
      "rejects: a 2xx must be JSON (`application/json`, `text/json` or `+json`); the message shows the type and " +
      "the start of the body",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res }) => {
      const text = JSON.stringify(job(JOB_ID));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
    },
    expected: {
      outcome: "rejects",
      kind: "invalid-response",
      status: 200,
      message: /expected a JSON body but got text\/html/,
      attempts: 1,
    },
  },
  {
    id: "schema-broken",
    fault: "Body that breaks the schema",
    server: 'answers `200` `{"data": null, "pagination": {...}}` to `listJobs`',
    client:
      "rejects: the body lacks what the client relies on (with `validateResponses`, each violation with its JSON path)",
    callText: "listJobs",
    call: (c) => c.listJobs(),
    respond: ({ res }) =>
      sendJson(res, 200, {
        data: null,
        pagination: {
          currentPage: 1,
          pageSize: 50,
          totalItems: 0,
          totalPages: 0,
          hasNextPage: false,
          hasPreviousPage: false,
        },
      }),
    expected: {
      outcome: "rejects",
      kind: "invalid-response",
      status: 200,
      message: /does not match the spec: expected \{ data: \[\{ jobId/,
      attempts: 1,
    },
  },
  {
    id: "headers-never-come",
    fault: "No answer",
    server: "accepts the request and never sends the headers",
    client: "gives up after `timeoutMs` (not retried: the timeout is the caller's budget)",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: () => undefined,
    expected: { outcome: "rejects", kind: "timeout", message: /no complete answer within 1000 ms/, attempts: 1 },
  },
  {
    id: "reset-mid-body",
    fault: "Connection reset",
    server: "sends the headers and half the body, then resets the TCP connection (RST)",
    client: "retries a GET, then rejects with the cause (`ECONNRESET` or the socket error) in `cause`",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res, socket }) => {
      res.writeHead(200, { "content-type": JSON_TYPE, "content-length": 4096 });
      res.write('{"id": "68dd3292c97fddfcc003adcb", ');
      setTimeout(() => socket.resetAndDestroy(), 20);
    },
    expected: { outcome: "rejects", kind: "network", message: /closed before the whole response arrived/, attempts: 3 },
  },
  {
    id: "connection-refused",
    fault: "Connection refused",
    server: "nothing listens on the port",
    client: "retries (the token request first), then rejects with `ECONNREFUSED` in the message and the cause",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    target: "refused",
    expected: {
      outcome: "rejects",
      kind: "network",
      operationId: "requestToken",
      message: /could not reach the server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    },
  },
  {
    id: "not-http",
    fault: "Not HTTP at all",
    server: "a raw TCP server (node:net) that answers with an SSH banner and closes",
    client:
      "retries, then rejects with the HTTP parser's error (`HTTPParserError`) in `cause`; the message shows its code " +
      "(`HPE_INVALID_CONSTANT` on Node 20 and 22) or, where it has none (Node 24), its explanation",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    target: "raw-tcp",
    // Node 24's fetch (undici 7) gives the parser error no code: check the error and what the message shows of it.
    expected: {
      outcome: "rejects",
      kind: "network",
      operationId: "requestToken",
      message: /could not reach the server at http:\/\/127\.0\.0\.1:\d+ \(.+\)$/,
      causeName: "HTTPParserError",
    },
  },
  {
    id: "429-get",
    fault: "Rate limited",
    server: "answers `429` with `Retry-After: 1`, every time",
    client: "waits as `Retry-After` asks and retries a GET up to `retry.retries` times, then rejects with 429",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res }) => sendJson(res, 429, { message: "Too many requests." }, { "retry-after": "1" }),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 429,
      serverMessage: "Too many requests.",
      message: /failed with 429/,
      attempts: 3,
    },
  },
  {
    id: "503-then-ok",
    fault: "Unavailable once",
    server: "answers `503` with `Retry-After: 1`, then the job",
    client: "waits 1 s, retries, and resolves with the job",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res, state }) =>
      state.attempts === 1
        ? sendJson(res, 503, { message: "Service Unavailable" }, { "retry-after": "1" })
        : sendJson(res, 200, job(JOB_ID)),
    expected: { outcome: "resolves", attempts: 2 },
  },
  {
    id: "429-retry-after-long",
    fault: "Rate limited for an hour",
    server: "answers `429` with `Retry-After: 3600`",
    client: "does not wait longer than `retry.maxRetryAfterMs`: rejects at once with 429",
    callText: "listJobs",
    call: (c) => c.listJobs(),
    respond: ({ res }) => sendJson(res, 429, { message: "Quota exceeded." }, { "retry-after": "3600" }),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 429,
      serverMessage: "Quota exceeded.",
      message: /failed with 429/,
      attempts: 1,
    },
  },
  {
    id: "429-post-enqueue",
    fault: "Rate limited on enqueue",
    server: "answers `429` with `Retry-After: 1` to `POST /v3/workflows/{id}/jobs`",
    client: "never retries a POST (a retry could queue the run twice): exactly one attempt, then rejects",
    callText: "enqueueJob",
    call: (c) => c.enqueueJob(WORKFLOW_ID, { priority: "High" }),
    respond: ({ res }) => sendJson(res, 429, { message: "Too many requests." }, { "retry-after": "1" }),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 429,
      message: /enqueueJob \(POST .*\) failed with 429/,
      attempts: 1,
    },
  },
  {
    id: "503-delete-cancel",
    fault: "Unavailable on cancel",
    server: "answers `503` with `Retry-After: 1` to `DELETE /v3/jobs/{id}`",
    client: "never retries a DELETE: exactly one attempt, then rejects",
    callText: "cancelJob",
    call: (c) => c.cancelJob(JOB_ID),
    respond: ({ res }) => sendJson(res, 503, { message: "Service Unavailable" }, { "retry-after": "1" }),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 503,
      message: /cancelJob \(DELETE .*\) failed with 503/,
      attempts: 1,
    },
  },
  {
    id: "401-always",
    fault: "Token refused by the API",
    server: "answers `401` to every API request, whatever the token",
    client: "fetches a new token once and repeats the call once, then rejects with 401",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res }) => sendJson(res, 401, { message: "Authorization has been denied for this request." }),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 401,
      serverMessage: "Authorization has been denied for this request.",
      message: /failed with 401/,
      attempts: 2,
    },
  },
  {
    id: "token-refused",
    fault: "Token endpoint refuses",
    server: "the token endpoint answers `401` `invalid_client`, echoing the client secret in `error_description`",
    client: "rejects with the OAuth2 `error_description` (secret redacted); no API request is sent",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    token: ({ res }) =>
      sendJson(res, 401, { error: "invalid_client", error_description: `Unknown client or wrong secret ${SECRET}.` }),
    respond: ({ res }) => sendJson(res, 200, job(JOB_ID)),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 401,
      operationId: "requestToken",
      message: /requestToken \(POST \/oauth2\/token\) failed with 401.*Unknown client or wrong secret \[redacted\]/,
      attempts: 0,
    },
  },
  {
    id: "token-as-html",
    fault: "Token labelled as HTML",
    server: "the token endpoint answers `200` with a valid token as JSON, labelled `text/html`",
    client: "rejects (a 2xx must be JSON); the token in the body shown in the error is redacted",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    token: ({ res }) => {
      const text = JSON.stringify({ access_token: TOKEN, token_type: "bearer", expires_in: 3600 });
      res.writeHead(200, { "content-type": "text/html", "content-length": Buffer.byteLength(text) });
      res.end(text);
    },
    expected: {
      outcome: "rejects",
      kind: "invalid-response",
      operationId: "requestToken",
      message: /expected a JSON body but got text\/html/,
      attempts: 0,
    },
  },
  {
    id: "redirect-cross-origin",
    fault: "Redirect to another origin",
    server: "answers `302` to the same path on another origin (a second server, on another port)",
    client: "does not follow it, so the token never leaves the base URL's origin; rejects naming the other origin",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res, servers, path }) => redirectTo(res, `${servers.otherUrl}/redirect-cross-origin/webapi${path}`),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 302,
      message: /redirected to another origin \(http:\/\/127\.0\.0\.1:\d+\); not followed/,
      attempts: 1,
    },
  },
  {
    id: "redirect-same-origin",
    fault: "Redirect on the same origin",
    server: "answers `302` to another path on the same origin",
    client: "follows it (at most 5 hops) with the token, and resolves",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res, path }) =>
      path.startsWith("/moved/")
        ? sendJson(res, 200, job(JOB_ID))
        : redirectTo(res, `/redirect-same-origin/webapi/moved${path}`),
    expected: { outcome: "resolves", attempts: 2 },
  },
  {
    id: "redirect-loop",
    fault: "Redirect loop",
    server: "answers `302` to the same URL, forever",
    client: "stops after 5 redirects and rejects with the status",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res, req }) => redirectTo(res, req.url ?? "/"),
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 302,
      message: /redirected more than 5 times \(status 302\); not followed further/,
      attempts: 6,
    },
  },
  {
    id: "redirect-no-location",
    fault: "Redirect to nowhere",
    server: "answers `302` without a `Location` header",
    client: "rejects with the status; nothing is followed",
    callText: "getJob",
    call: (c) => c.getJob(JOB_ID),
    respond: ({ res }) => {
      res.writeHead(302, { "content-length": 0 });
      res.end();
    },
    expected: {
      outcome: "rejects",
      kind: "http",
      status: 302,
      message: /a redirect without a Location \(status 302\); not followed/,
      attempts: 1,
    },
  },
  {
    id: "huge-content-length",
    fault: "50 MiB body, announced",
    server: "answers `200` with `Content-Length: 52428800` and streams 50 MiB in 64 KiB chunks",
    client: "refuses from the header without reading the body (limit `maxResponseBytes`, default 16 MiB)",
    callText: "listJobs",
    call: (c) => c.listJobs(),
    options: { timeoutMs: 10_000 },
    respond: ({ res, state }) => {
      res.writeHead(200, { "content-type": JSON_TYPE, "content-length": FIFTY_MIB });
      streamSpaces(res, state, FIFTY_MIB);
    },
    expected: {
      outcome: "rejects",
      kind: "invalid-response",
      message: /the body is 52428800 bytes, more than the limit of 16777216 \(maxResponseBytes\)/,
      attempts: 1,
    },
  },
  {
    id: "huge-chunked",
    fault: "50 MiB body, chunked",
    server: "answers `200` and streams 50 MiB chunked, without `Content-Length`",
    client: "counts the bytes as they arrive and cancels the stream past `maxResponseBytes`; memory stays bounded",
    callText: "listJobs",
    call: (c) => c.listJobs(),
    options: { timeoutMs: 10_000 },
    respond: ({ res, state }) => {
      res.writeHead(200, { "content-type": JSON_TYPE });
      streamSpaces(res, state, FIFTY_MIB);
    },
    expected: {
      outcome: "rejects",
      kind: "invalid-response",
      message: /more than the limit of 16777216 bytes \(maxResponseBytes\)/,
      attempts: 1,
    },
  },
  {
    id: "gzip-bomb",
    fault: "Compression bomb",
    server: "answers `200` `Content-Encoding: gzip`: about 50 KB on the wire that inflate to 50 MiB",
    client: "counts the inflated bytes, not the announced length, and cancels past `maxResponseBytes`",
    callText: "listJobs",
    call: (c) => c.listJobs(),
    options: { timeoutMs: 10_000 },
    respond: async ({ res, state }) => {
      const body = await gzippedSpaces(FIFTY_MIB);
      res.writeHead(200, { "content-type": JSON_TYPE, "content-encoding": "gzip", "content-length": body.length });
      state.bytesSent = body.length;
      res.end(body);
    },
    expected: {
      outcome: "rejects",
      kind: "invalid-response",
      message: /more than the limit of 16777216 bytes \(maxResponseBytes\)/,
      attempts: 1,
    },
  },
];

export interface HostileServers {
  /** The hostile HTTP server's origin, e.g. http://127.0.0.1:40123. */
  url: string;
  /** A second server on another port, for cross-origin redirects; it records what reaches it. */
  otherUrl: string;
  otherRequests: { url: string; authorization: string | undefined }[];
  /** A raw TCP server that does not speak HTTP. */
  rawTcpUrl: string;
  /** An origin where nothing listens. */
  refusedUrl: string;
  state(id: string): CaseState;
  /** The client's baseUrl for a case. */
  baseUrlFor(hostileCase: HostileCase): string;
  close(): Promise<void>;
}

const listen = (server: Server | NetServer) =>
  new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });

/** Starts the hostile server, its cross-origin sibling and the raw TCP server; `cases` defaults to the table. */
export async function startHostileServers(cases: HostileCase[] = hostileCases): Promise<HostileServers> {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const states = new Map<string, CaseState>();
  const state = (id: string) => {
    let s = states.get(id);
    if (!s) states.set(id, (s = { attempts: 0, tokenRequests: 0, authorizations: [], bytesSent: 0 }));
    return s;
  };
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined); // resets and hang-ups are the point here
  };

  const otherRequests: HostileServers["otherRequests"] = [];
  let servers!: HostileServers;

  const hostile = createHttpServer((req, res) => {
    const match = /^\/([^/]+)\/webapi(\/[^?]*)/.exec(req.url ?? "");
    const hostileCase = match ? byId.get(match[1]!) : undefined;
    if (!match || !hostileCase) return sendJson(res, 404, { message: "No such case." });
    const ctx: RouteContext = {
      req,
      res,
      socket: req.socket,
      state: state(hostileCase.id),
      servers,
      path: match[2]!,
      body: "",
    };
    // Read the request body first, as a real server would.
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (ctx.body += chunk));
    req.once("end", () => {
      if (req.method === "POST" && ctx.path === "/oauth2/token") {
        ctx.state.tokenRequests++;
        return void (hostileCase.token ?? issueToken)(ctx);
      }
      ctx.state.attempts++;
      ctx.state.authorizations.push(req.headers.authorization);
      void hostileCase.respond?.(ctx);
    });
  });
  hostile.on("connection", track);

  const other = createHttpServer((req, res) => {
    otherRequests.push({ url: req.url ?? "", authorization: req.headers.authorization });
    sendJson(res, 200, job(JOB_ID));
  });
  other.on("connection", track);

  const rawTcp = createNetServer((socket) => {
    track(socket);
    socket.end("SSH-2.0-OpenSSH_9.6p1 Debian-3\r\n");
  });

  // A port that was free a moment ago and is closed again: nothing listens there.
  const probe = createNetServer();
  const refusedPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const [port, otherPort, rawPort] = await Promise.all([listen(hostile), listen(other), listen(rawTcp)]);
  const url = `http://127.0.0.1:${port}`;
  servers = {
    url,
    otherUrl: `http://127.0.0.1:${otherPort}`,
    otherRequests,
    rawTcpUrl: `http://127.0.0.1:${rawPort}`,
    refusedUrl: `http://127.0.0.1:${refusedPort}`,
    state,
    baseUrlFor: (c) => {
      const origin = c.target === "refused" ? servers.refusedUrl : c.target === "raw-tcp" ? servers.rawTcpUrl : url;
      return `${origin}/${c.id}/webapi`;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      hostile.closeAllConnections();
      other.closeAllConnections();
      await Promise.all([hostile, other, rawTcp].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
  return servers;
}
