/**
 * The HTTP layer: a tiny router over node:http, body reading with a size limit, JSON answers and
 * streamed files. Whatever a handler throws becomes a JSON error answer; the server keeps serving.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { Readable, pipeline } from "node:stream";

export const BASE_PATH = "/webapi";
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this much an oversized body is no longer drained: the connection is dropped. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A JSON answer (a body of undefined is sent as an empty body), or with `stream` a file pulled as it is read. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The answer's bytes instead of JSON `body`; `headers` then carry their type and length. */
  stream?: Iterable<Uint8Array>;
}

/** A thrown answer: handlers throw it to stop with an error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
    this.name = "HttpError";
  }
}

export interface SimRequest {
  method: string;
  /** The path below /webapi, e.g. "/v3/jobs/abc". */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  /** Reads the whole body (at most MAX_BODY_BYTES, else a 413 is thrown). */
  body(): Promise<Buffer>;
}

export type Handler = (req: SimRequest) => Reply | Promise<Reply>;

export interface Route {
  /** A path below /webapi with `{name}` placeholders, e.g. "/v3/jobs/{jobId}". */
  pattern: string;
  methods: Partial<Record<Method, Handler>>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** A file answer: `chunks` are generated only as fast as the client reads them. */
export function file(status: number, chunks: Iterable<Uint8Array>, headers: Record<string, string>): Reply {
  return { status, body: undefined, headers, stream: chunks };
}

export function message(status: number, text: string): Reply {
  return { status, body: { message: text } };
}

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

function compile(route: Route, trailingSlash: boolean): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1] !== undefined) {
        names.push(param[1]);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { route, regex: new RegExp(`^${source}${trailingSlash ? "/?" : ""}$`, "i"), names };
}

/** Reads a request body, keeping at most `limit` bytes; throws a 413 once the whole body was drained. */
function readBody(raw: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(raw.headers["content-length"]);
    if (declared > DRAIN_LIMIT_BYTES) {
      raw.destroy();
      reject(
        new HttpError(413, { message: `The request body is larger than ${limit} bytes.` }, { connection: "close" }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    raw.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) raw.destroy();
    });
    raw.on("end", () => {
      if (size > limit) reject(new HttpError(413, { message: `The request body is larger than ${limit} bytes.` }));
      else resolve(Buffer.concat(chunks));
    });
    raw.on("error", () => reject(new HttpError(400, { message: "The request body could not be read." })));
  });
}

/** CORS: any origin may call the simulator from a browser (it holds no real data). */
const CORS_HEADERS = { "access-control-allow-origin": "*", "access-control-expose-headers": "*" } as const;

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.stream) {
    // Backpressure: the next chunk is made only when the socket has taken the last one.
    pipeline(Readable.from(reply.stream, { objectMode: false }), res, () => {});
    return;
  }
  const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
  if (reply.body !== undefined) res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
}

/** Splits a raw request target into a decoded path (below /webapi) and its query; undefined when it is not ours. */
function splitTarget(target: string): { path: string; query: URLSearchParams } | undefined {
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : target.slice(q + 1));
  const lower = rawPath.toLowerCase();
  if (lower !== BASE_PATH && !lower.startsWith(`${BASE_PATH}/`)) return undefined;
  return { path: rawPath.slice(BASE_PATH.length) || "/", query };
}

export interface HttpServerOptions {
  /** Called with errors thrown by handlers (which are answered with a 500). */
  onError?: (error: unknown) => void;
  /** Whether `/v3/jobs/` matches `/v3/jobs` (ASP.NET's default); default true. */
  trailingSlash?: boolean;
  /** Reshapes every answer before it is sent (`path` is below /webapi), e.g. the bodies of refusals. */
  reshape?: (reply: Reply, path: string) => Reply;
}

/** Creates (but does not start) the server for a set of routes. */
export function createHttpServer(routes: readonly Route[], options: HttpServerOptions = {}): Server {
  const compiled = routes.map((route) => compile(route, options.trailingSlash ?? true));

  async function dispatch(raw: IncomingMessage): Promise<Reply> {
    const target = splitTarget(raw.url ?? "/");
    if (!target) return message(404, `No HTTP resource was found that matches the request URI '${raw.url ?? ""}'.`);
    for (const { route, regex, names } of compiled) {
      const match = regex.exec(target.path);
      if (!match) continue;
      const params: Record<string, string> = {};
      for (const [k, name] of names.entries()) {
        try {
          params[name] = decodeURIComponent(match[k + 1] ?? "");
        } catch {
          return message(404, `No HTTP resource was found that matches the request URI '${raw.url ?? ""}'.`);
        }
      }
      const method = (raw.method ?? "GET").toUpperCase();
      const handler = route.methods[method as Method];
      if (!handler) {
        const allow = Object.keys(route.methods).join(", ");
        return json(405, { message: `The requested resource does not support http method '${method}'.` }, { allow });
      }
      let bodyPromise: Promise<Buffer> | undefined;
      return handler({
        method,
        path: target.path,
        query: target.query,
        headers: raw.headers,
        params,
        body: () => (bodyPromise ??= readBody(raw, MAX_BODY_BYTES)),
      });
    }
    return message(404, `No HTTP resource was found that matches the request URI '${raw.url ?? ""}'.`);
  }

  return createServer((raw, res) => {
    if (
      raw.method === "OPTIONS" &&
      raw.headers.origin !== undefined &&
      raw.headers["access-control-request-method"] !== undefined
    ) {
      // A browser's CORS preflight.
      res.writeHead(204, {
        ...CORS_HEADERS,
        "access-control-allow-methods": "GET, POST, DELETE",
        "access-control-allow-headers": raw.headers["access-control-request-headers"] ?? "authorization, content-type",
        "access-control-max-age": "600",
        "content-length": "0",
      });
      res.end();
      return;
    }
    dispatch(raw)
      .catch((error: unknown): Reply => {
        if (error instanceof HttpError) return { status: error.status, body: error.body, headers: error.headers };
        options.onError?.(error);
        return message(500, "An error has occurred.");
      })
      .then((reply) => {
        const path = splitTarget(raw.url ?? "/")?.path ?? raw.url ?? "/";
        send(res, options.reshape ? options.reshape(reply, path) : reply);
        // Drop whatever body the handler did not read, so the connection can be reused.
        if (!raw.complete) raw.resume();
      })
      .catch(() => res.destroy());
  });
}
