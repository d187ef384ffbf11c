/**
 * One download of a job output in a fresh process (run with --expose-gc), so that its memory growth is its own:
 *   --mode stream   global fetch, the body read chunk by chunk and dropped (what a streaming consumer does)
 *   --mode file     global fetch, the body saved to a file in the temp directory (deleted afterwards) with
 *                   stream.pipeline(Readable.fromWeb(body), createWriteStream(...))
 *   --mode toweb    the same file with body.pipeTo(Writable.toWeb(createWriteStream(...))), which on Node 20
 *                   and 22 does not hold back the body while the file is written (fixed in Node 24)
 *   --mode buffer   global fetch + arrayBuffer(): the whole file in memory, for contrast
 *   --mode client   the client's getJobOutput, its body read chunk by chunk
 *   --mode save     saveJobOutputs: every output of the job written to a temp folder (deleted afterwards)
 * Prints `RESULT {"ms", "bytes", "heapGrowth", "buffersGrowth", "rssGrowth"}`: the peak of what stays alive, over
 * the start: GC is forced at every MiB read (and at the end, a buffer still held), then memory is read. Without
 * that, chunks already dropped but not yet collected would count as held.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { saveJobOutputs } from "../node/index.js";
import { createJobsClient } from "../src/index.js";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    job: { type: "string" },
    output: { type: "string" },
    format: { type: "string", default: "Raw" },
    mode: { type: "string", default: "stream" },
  },
});
const [url, token, job, output] = [values.url, values.token, values.job, values.output].map((v) => {
  if (v === undefined) throw new Error("needs --url, --token, --job and --output");
  return v;
}) as [string, string, string, string];
const format = values.format ?? "Raw";
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

// Warm fetch and the client up first (both set themselves up on first use): the growth measured is the download's.
const headers = { authorization: `Bearer ${token}` };
const ayx = createJobsClient({ baseUrl: url, auth: { token } });
await (await fetch(`${url}/v3/jobs/${job}?includeMessages=false`, { headers })).arrayBuffer();
await ayx.getJob(job, { includeMessages: false });

gc();
gc();
const start = process.memoryUsage();
const peak = { heapUsed: start.heapUsed, arrayBuffers: start.arrayBuffers, rss: start.rss };
/** Collects garbage, then records what is still alive. */
const settle = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  peak.rss = Math.max(peak.rss, m.rss);
};
const MiB = 1024 * 1024;
let bytes = 0;
let nextSettle = MiB;
/** Counts bytes as they pass, settling at every MiB. */
const count = (n: number) => {
  bytes += n;
  if (bytes >= nextSettle) {
    settle();
    nextSettle += MiB;
  }
};
const counting = () =>
  new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      count(chunk.length);
      controller.enqueue(chunk);
    },
  });

async function fetched(): Promise<{ body: ReadableStream<Uint8Array>; size: number }> {
  const response = await fetch(`${url}/v1/jobs/${job}/output/${output}?format=${format}`, { headers });
  if (response.status !== 200 || !response.body) throw new Error(`status ${response.status}`);
  return { body: response.body, size: Number(response.headers.get("content-length")) };
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) count(read.value.length);
}

async function inTempFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), "outputs-bench-"));
  try {
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Each mode downloads and returns the size it should have read (undefined: nothing to check against). */
const MODES: Record<string, () => Promise<number | undefined>> = {
  async stream() {
    const { body, size } = await fetched();
    await readAll(body);
    return size;
  },
  async file() {
    const { body, size } = await fetched();
    const counted = body.pipeThrough(counting()) as NodeReadableStream<Uint8Array>;
    await inTempFolder((folder) => pipeline(Readable.fromWeb(counted), createWriteStream(join(folder, "output"))));
    return size;
  },
  async toweb() {
    const { body, size } = await fetched();
    await inTempFolder((folder) =>
      body.pipeThrough(counting()).pipeTo(Writable.toWeb(createWriteStream(join(folder, "output")))),
    );
    return size;
  },
  async buffer() {
    const { body, size } = await fetched();
    const whole = await new Response(body).arrayBuffer();
    settle(); // while the whole file is still held
    bytes = whole.byteLength;
    return size;
  },
  async client() {
    const file = await ayx.getJobOutput(job, output, { format });
    await readAll(file.body);
    return file.size;
  },
  async save() {
    const counted = new Map<string, number>(); // progress counts each output's bytes from 0
    const onProgress = (p: { outputId: string; bytes: number }) => {
      count(p.bytes - (counted.get(p.outputId) ?? 0));
      counted.set(p.outputId, p.bytes);
    };
    const saved = await inTempFolder((folder) => saveJobOutputs(ayx, job, folder, { onProgress }));
    return saved.reduce((sum, s) => sum + s.bytes, 0);
  },
};

const mode = MODES[values.mode ?? ""];
if (!mode) throw new Error(`unknown mode ${values.mode}; known: ${Object.keys(MODES).join(", ")}`);
const started = performance.now();
const expected = await mode();
const ms = performance.now() - started;
settle();
if (expected !== undefined && bytes !== expected) throw new Error(`read ${bytes} bytes, expected ${expected}`);
console.log(`RESULT ${JSON.stringify({
  ms,
  bytes,
  heapGrowth: peak.heapUsed - start.heapUsed,
  buffersGrowth: peak.arrayBuffers - start.arrayBuffers,
  rssGrowth: peak.rss - start.rss,
})}`);
process.exit(0);
