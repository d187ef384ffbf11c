/** An injected fetch for unit tests: routes each request to a handler and records what was sent. */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

export type Handler = (request: SentRequest, signal: AbortSignal | undefined) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function fakeFetch(handler: Handler) {
  const sent: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: SentRequest = {
      method: init.method ?? "GET",
      url: new URL(String(input instanceof Request ? input.url : input)),
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : undefined,
    };
    sent.push(request);
    init.signal?.throwIfAborted();
    return handler(request, init.signal ?? undefined);
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

/** A fetch that never answers until its signal aborts, like a server whose headers never come. */
export function hangingFetch(): typeof globalThis.fetch {
  return ((_: unknown, init: RequestInit = {}) =>
    new Promise((_resolve, reject) => {
      if (init.signal?.aborted) return reject(init.signal.reason);
      init.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
    })) as typeof globalThis.fetch;
}

export const BASE = "https://alteryx.example.com/webapi";

export const job = (id: string, status = "Running", extra: Record<string, unknown> = {}) => ({
  id,
  appId: "wf1",
  createDateTime: "2025-10-01T13:54:26Z",
  status,
  disposition: null,
  outputs: [],
  priority: "Default",
  workerTag: "",
  runWithE2: true,
  ...extra,
});

export const summary = (jobId: string) => ({
  jobId,
  status: "Completed",
  workflowName: "W.yxmd",
  workflowId: "wf1",
  submittedBy: "Jane",
  startTime: null,
  queueTime: "2025-10-01T13:54:26Z",
  executionTime: null,
  priority: "Low",
});

/** A page of GET /v3/jobs over `all`, honouring offset and limit like the server. */
export function pageOf(all: string[], url: URL) {
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? 50);
  const data = all.slice(offset, offset + limit).map(summary);
  return {
    data,
    pagination: {
      currentPage: Math.floor(offset / limit) + 1,
      pageSize: limit,
      totalItems: all.length,
      totalPages: Math.ceil(all.length / limit),
      hasNextPage: offset + limit < all.length,
      hasPreviousPage: offset > 0,
    },
  };
}
