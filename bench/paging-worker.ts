/**
 * One paging run in a fresh process (run with --expose-gc), so that its memory growth is its own:
 *   --mode client --concurrency C   iterateJobs with page size P and C pages in flight
 *   --mode raw                      a hand-written sequential offset loop over global fetch + JSON.parse
 *   --mode raw --concurrency C      a control: C raw fetch workers sharing an offset counter (no order kept)
 * Prints `RESULT {"ms", "requests", "jobs", "heapGrowth", "rssGrowth"}`.
 */
import { parseArgs } from "node:util";
import { createJobsClient } from "../src/index.js";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    mode: { type: "string", default: "client" },
    concurrency: { type: "string", default: "1" },
    "page-size": { type: "string", default: "100" },
    expect: { type: "string" },
  },
});
const url = values.url!;
const token = values.token!;
const pageSize = Number(values["page-size"]);
const gc = (globalThis as { gc?: () => void }).gc;

let requests = 0;
const countingFetch: typeof fetch = (input, init) => {
  requests++;
  return fetch(input, init);
};

async function rawPage(offset: number) {
  const response = await countingFetch(`${url}/v3/jobs?offset=${offset}&limit=${pageSize}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
  });
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  return JSON.parse(await response.text()) as {
    data: { jobId: string }[];
    pagination: { hasNextPage: boolean; totalItems: number };
  };
}

/** The hand-written baseline: one page after another until the last. */
async function rawLoop(onPage: () => void): Promise<number> {
  let jobs = 0;
  for (let offset = 0; ; offset += pageSize) {
    const page = await rawPage(offset);
    for (const job of page.data) if (job.jobId) jobs++;
    onPage();
    if (!page.pagination.hasNextPage || page.data.length === 0) return jobs;
  }
}

/** A control, not a client: C workers take the next offset as soon as they are free (no order, no checks). */
async function rawConcurrent(onPage: () => void, concurrency: number): Promise<number> {
  const first = await rawPage(0);
  let jobs = first.data.length;
  let next = pageSize;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < first.pagination.totalItems) {
        const offset = next;
        next += pageSize;
        const page = await rawPage(offset); // not `jobs += await ...`: that reads jobs before the await
        jobs += page.data.length;
        onPage();
      }
    }),
  );
  return jobs;
}

async function clientLoop(onPage: () => void): Promise<number> {
  const client = createJobsClient({ baseUrl: url, auth: { token }, fetch: countingFetch });
  let jobs = 0;
  for await (const job of client.iterateJobs({}, { pageSize, concurrency: Number(values.concurrency) })) {
    if (job.jobId && ++jobs % pageSize === 0) onPage();
  }
  return jobs;
}

gc?.();
gc?.();
const start = process.memoryUsage();
let peakHeap = start.heapUsed;
let peakRss = start.rss;
const sample = () => {
  const m = process.memoryUsage();
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  if (m.rss > peakRss) peakRss = m.rss;
};
const sampler = setInterval(sample, 5);
const started = performance.now();
const concurrency = Number(values.concurrency);
const jobs = await (values.mode === "raw"
  ? concurrency > 1
    ? rawConcurrent(sample, concurrency)
    : rawLoop(sample)
  : clientLoop(sample));
const ms = performance.now() - started;
sample();
clearInterval(sampler);
if (values.expect !== undefined && jobs !== Number(values.expect))
  throw new Error(`expected ${values.expect} jobs, got ${jobs}`);
console.log(
  `RESULT ${JSON.stringify({
    ms,
    requests,
    jobs,
    heapGrowth: peakHeap - start.heapUsed,
    rssGrowth: peakRss - start.rss,
  })}`,
);
process.exit(0);
