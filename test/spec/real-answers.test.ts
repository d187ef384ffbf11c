/**
 * Answers a real server may send, that the spec once refused without a source: an empty `submittedBy`,
 * `currentPage: 0` on an empty page, a token answer without `expires_in` (RFC 6749 only recommends it). An
 * upstream on loopback sends them; `prism proxy generated/openapi.yaml --errors` sits in front of it and the
 * client, with `validateResponses`, calls through the proxy. Neither validator may object. A broken answer
 * from the same upstream is caught by both, so the check is not vacuous.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismHandle, startPrism } from "../../cli/src/conformance/prism.js";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { responseValidator } from "../../src/validate.js";

const summary = {
  jobId: "68dd3292c97fddfcc003adcb",
  status: "Completed",
  workflowName: "Workflow1.yxmd",
  workflowId: "68dd32922a719467662d27c7",
  submittedBy: "",
  startTime: "2025-10-01T13:54:26Z",
  queueTime: "2025-10-01T13:54:26Z",
  executionTime: "00:00:02",
  priority: "Low",
};
const pagination = (over: object) => ({
  currentPage: 1,
  pageSize: 50,
  totalItems: 1,
  totalPages: 1,
  hasNextPage: false,
  hasPreviousPage: false,
  ...over,
});

/** What the upstream answers, by path and the statuses filter. */
function answer(method: string, url: URL): { status: number; body: unknown } {
  if (method === "POST" && url.pathname === "/webapi/oauth2/token") {
    return { status: 200, body: { access_token: "tok-without-expiry", token_type: "bearer" } };
  }
  if (method === "GET" && url.pathname === "/webapi/v3/jobs") {
    const statuses = url.searchParams.get("statuses");
    if (statuses === "Queued") {
      const empty = pagination({ currentPage: 0, totalItems: 0, totalPages: 0 });
      return { status: 200, body: { data: [], pagination: empty } };
    }
    // Broken: currentPage as a string.
    if (statuses === "Running") {
      return { status: 200, body: { data: [summary], pagination: pagination({ currentPage: "1" }) } };
    }
    return { status: 200, body: { data: [summary], pagination: pagination({}) } };
  }
  if (method === "GET" && url.pathname.startsWith("/webapi/v3/workflows/")) {
    return { status: 200, body: [{ id: "j1", status: "Created", priority: "" }] };
  }
  return { status: 404, body: { message: "no such route in this test's upstream" } };
}

let upstream: Server;
let prism: PrismHandle;
const seen: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://upstream");
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    req.resume().on("end", () => {
      const { status, body } = answer(req.method ?? "GET", url);
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  // Prism joins the upstream's path with the request's: the upstream is the /webapi base URL.
  prism = await startPrism({ upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/webapi` });
}, 60_000);

afterAll(async () => {
  await prism?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

/** The client with validateResponses, through the proxy (or straight to the upstream). */
const client = (baseUrl = prism.url) =>
  createJobsClient({
    baseUrl,
    auth: { clientId: "key", clientSecret: "secret" },
    validateResponses: responseValidator(),
    retry: 0,
  });
const upstreamUrl = () => `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/webapi`;

/** Prism's signal that a request or a response broke the spec. */
async function violations(path: string, init: RequestInit = {}): Promise<{ status: number; signal?: string }> {
  const headers = { authorization: "Bearer t", accept: "application/json", ...init.headers };
  const res = await fetch(`${prism.url}${path}`, { ...init, headers });
  const text = await res.text();
  const header = res.headers.get("sl-violations");
  const body = text ? JSON.parse(text) : undefined;
  const listed = body && typeof body === "object" && "validation" in body ? JSON.stringify(body.validation) : undefined;
  const signal = header ?? listed;
  return { status: res.status, signal };
}

describe("prism proxy --errors and validateResponses accept what a real server may send", () => {
  it("a token answer without expires_in", async () => {
    const form = "grant_type=client_credentials&client_id=key&client_secret=secret";
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const direct = await violations("/oauth2/token", { method: "POST", body: form, headers });
    expect(direct).toEqual({ status: 200, signal: undefined });
    expect(await client().getToken()).toBe("tok-without-expiry");
  });

  it("a job summary with an empty submittedBy", async () => {
    expect(await violations("/v3/jobs")).toEqual({ status: 200, signal: undefined });
    const page = await client().listJobs();
    expect(page.data[0]!.submittedBy).toBe("");
  });

  it("currentPage 0 on an empty page", async () => {
    expect(await violations("/v3/jobs?statuses=Queued")).toEqual({ status: 200, signal: undefined });
    const page = await client().listJobs({ statuses: ["Queued"] });
    expect(page.pagination.currentPage).toBe(0);
    expect(page.data).toEqual([]);
  });

  it("a workflow job with an empty priority and a status only the workflow list has", async () => {
    expect(await violations("/v3/workflows/w1/jobs")).toEqual({ status: 200, signal: undefined });
    const [job] = await client().listWorkflowJobs("w1");
    expect(job).toEqual({ id: "j1", status: "Created", priority: "" });
  });

  it("while a broken answer is still caught by both", async () => {
    const proxied = await violations("/v3/jobs?statuses=Running");
    expect(proxied.signal).toContain("currentPage");
    // Through the proxy the client gets Prism's 500; straight from the upstream, its own validator refuses the body.
    const viaProxy = await client()
      .listJobs({ statuses: ["Running"] })
      .catch((e) => e);
    expect(viaProxy).toMatchObject({ kind: "http", status: 500 });
    const direct = await client(upstreamUrl())
      .listJobs({ statuses: ["Running"] })
      .catch((e) => e);
    expect(direct).toBeInstanceOf(JobsApiError);
    expect(direct).toMatchObject({ kind: "invalid-response", message: expect.stringContaining("currentPage") });
  });

  it("every answer came from the upstream, through the proxy", () => {
    expect(seen).toContain("POST /webapi/oauth2/token");
    expect(seen).toContain("GET /webapi/v3/jobs?statuses=Queued");
  });
});
