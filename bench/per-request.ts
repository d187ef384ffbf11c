/**
 * Per-request cost: N sequential keep-alive calls, alternating getJob and listJobs (a 20-job page), against
 * the fixed server in its own process. Every variant reads and parses the whole body.
 */
import createClient from "openapi-fetch";
import { fetch as undiciFetch, request as undiciRequest } from "undici";
import type { paths } from "../generated/schema.js";
import { createJobsClient } from "../src/index.js";
import { responseValidator } from "../src/validate.js";
import { startServerChild } from "./child.js";
import { type Target, interleaved, median, num, ratio, table } from "./stats.js";

interface FixedServer {
  url: string;
  jobId: string;
  token: string;
  jobBytes: number;
  pageBytes: number;
}

type Call = (i: number) => Promise<unknown>;
interface Variant {
  name: string;
  call: Call;
}

function variants(server: FixedServer): Variant[] {
  const { url, jobId, token } = server;
  const jobUrl = `${url}/v3/jobs/${jobId}`;
  const pageUrl = `${url}/v3/jobs?limit=20`;
  const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
  const check = (status: number) => {
    if (status !== 200) throw new Error(`status ${status}`);
  };
  const auth = { token };
  const credentials = { clientId: "bench-key", clientSecret: "bench-secret" };
  const open = createClient<paths>({ baseUrl: url, headers });
  const clients = {
    static: createJobsClient({ baseUrl: url, auth }),
    credentials: createJobsClient({ baseUrl: url, auth: credentials }),
    validating: createJobsClient({ baseUrl: url, auth, validateResponses: responseValidator() }),
    undici: createJobsClient({ baseUrl: url, auth, fetch: undiciFetch as unknown as typeof globalThis.fetch }),
  };
  const viaClient =
    (client: (typeof clients)[keyof typeof clients]): Call =>
    (i) =>
      i % 2 === 0 ? client.getJob(jobId) : client.listJobs({ limit: 20 });

  // The baselines carry the client's timeout duty (an AbortSignal and a timer per request, body included), so
  // that the ratios show the client's own cost. Without it, Node 20's fetch is ~20% faster (signal creation).
  const withTimeout = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await work(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  return [
    {
      name: "raw global fetch + JSON.parse, with a timeout (baseline)",
      call: (i) =>
        withTimeout(async (signal) => {
          const response = await fetch(i % 2 === 0 ? jobUrl : pageUrl, { headers, signal });
          check(response.status);
          return JSON.parse(await response.text());
        }),
    },
    {
      name: "undici 7 fetch + JSON.parse, with a timeout",
      call: (i) =>
        withTimeout(async (signal) => {
          const response = await undiciFetch(i % 2 === 0 ? jobUrl : pageUrl, { headers, signal });
          check(response.status);
          return JSON.parse(await response.text());
        }),
    },
    {
      name: "undici.request + JSON.parse (ceiling)",
      call: async (i) => {
        const { statusCode, body } = await undiciRequest(i % 2 === 0 ? jobUrl : pageUrl, { headers });
        check(statusCode);
        return JSON.parse(await body.text());
      },
    },
    {
      name: "bare openapi-fetch",
      call: async (i) => {
        const { error, response } =
          i % 2 === 0
            ? await open.GET("/v3/jobs/{jobId}", { params: { path: { jobId } } })
            : await open.GET("/v3/jobs", { params: { query: { limit: 20 } } });
        if (error !== undefined) check(response.status);
      },
    },
    { name: "this client, static token", call: viaClient(clients.static) },
    { name: "this client, client credentials", call: viaClient(clients.credentials) },
    { name: "this client, validateResponses", call: viaClient(clients.validating) },
    { name: "this client, undici 7 fetch", call: viaClient(clients.undici) },
  ];
}

/** Calls per variant in one round of a repetition. */
const BLOCK = 500;

async function timed(call: Call, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await call(i);
  return performance.now() - started;
}

export interface PerRequestOptions {
  requests: number;
  warmup: number;
  repetitions: number;
}

export async function perRequestSection(opts: PerRequestOptions): Promise<{ markdown: string; targets: Target[] }> {
  const server = await startServerChild<FixedServer>("./fixed-server.ts");
  try {
    const list = variants(server.info);
    for (const v of list) await timed(v.call, opts.warmup); // JIT, connection pools, the token, Ajv's compile
    // Each repetition is made of rounds in which every variant makes BLOCK calls, in a rotated order, so that all
    // variants see the same moments of the machine; a repetition's figure per variant is its calls / its time.
    const rounds = Math.max(1, Math.round(opts.requests / BLOCK));
    const results = new Map<string, number[]>(list.map((v) => [v.name, []]));
    for (let rep = 0; rep < opts.repetitions; rep++) {
      const elapsed = await interleaved(list, rounds, (v) => timed(v.call, opts.requests / rounds));
      for (const [name, times] of elapsed)
        results.get(name)!.push((opts.requests / times.reduce((a, b) => a + b, 0)) * 1000);
    }
    const rps = new Map([...results].map(([name, values]) => [name, median(values)]));
    const baseline = rps.get(list[0]!.name)!;
    const rows = list.map((v) => {
      const values = results.get(v.name)!;
      return [
        v.name,
        num(rps.get(v.name)!),
        ratio(rps.get(v.name)!, baseline),
        num(1e6 / rps.get(v.name)!, 0),
        `${num(Math.min(...values))}–${num(Math.max(...values))}`,
      ];
    });
    const staticRatio = rps.get("this client, static token")! / baseline;
    const undiciRatio = rps.get("this client, undici 7 fetch")! / baseline;
    const markdown = [
      `### 1. Per-request cost`,
      ``,
      `${num(opts.requests, 0)} sequential keep-alive calls per variant and repetition, alternating getJob ` +
        `(${server.info.jobBytes} B body) and listJobs (20 jobs, ${server.info.pageBytes} B), ` +
        "against a fixed-body node:http server in its " +
        `own process; median of ${opts.repetitions} repetitions after ${opts.warmup} warm-up calls each; within a ` +
        `repetition the variants take turns in blocks of ${Math.min(BLOCK, opts.requests)} calls (rotating order).`,
      ``,
      table(
        ["variant", "requests/s (median)", "vs raw fetch", "µs per request", "requests/s range over repetitions"],
        rows,
      ),
    ].join("\n");
    return {
      markdown,
      targets: [
        {
          name: "client with a static token keeps ≥ 0.95 of raw fetch's requests/s",
          met: staticRatio >= 0.95,
          figure: `${staticRatio.toFixed(3)}×`,
        },
        {
          name: "client with undici's fetch is at least 1.05× raw global fetch",
          met: undiciRatio >= 1.05,
          figure: `${undiciRatio.toFixed(3)}×`,
        },
      ],
    };
  } finally {
    await server.stop();
  }
}
