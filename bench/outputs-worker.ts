/**
 * One download of a job output in a fresh process (run with --expose-gc), so that its memory growth is its own:
 *   --mode stream   global fetch, the body read chunk by chunk and dropped (what a streaming consumer does)
 *   --mode file     global fetch, the body piped to a file in the temp directory (deleted afterwards) with
 *                   stream.pipeline(Readable.fromWeb(body), createWriteStream(...))
 *   --mode toweb    the same file with body.pipeTo(Writable.toWeb(createWriteStream(...))), which on Node 20
 *                   and 22 does not hold back the body while the file is written (fixed in Node 24)
 *   --mode buffer   global fetch + arrayBuffer(): the whole file in memory, for contrast
 * Prints `RESULT {"ms", "bytes", "heapGrowth", "buffersGrowth", "rssGrowth"}`: the peak of what stays alive, over
 * the start: GC is forced at every MiB read (and at the end, the buffer still held), then memory is read. Without
 * that, chunks already dropped but not yet collected would count as held.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";

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
const gc = (globalThis as { gc?: () => void }).gc;

if (!gc) throw new Error("run with --expose-gc");
// Warm fetch up first (it loads and sets itself up on first use): the growth measured is the download's own.
const headers = { authorization: `Bearer ${values.token}` };
await (await fetch(`${values.url}/v3/jobs/${values.job}?includeMessages=false`, { headers })).arrayBuffer();
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
const count = (chunk: Uint8Array) => {
  bytes += chunk.length;
  if (bytes >= nextSettle) {
    settle();
    nextSettle += MiB;
  }
};

const started = performance.now();
const url = `${values.url}/v1/jobs/${values.job}/output/${values.output}?format=${values.format}`;
const response = await fetch(url, { headers });
if (response.status !== 200 || !response.body) throw new Error(`status ${response.status}`);
if (values.mode === "buffer") {
  const whole = await response.arrayBuffer();
  settle(); // while the whole file is still held
  bytes = whole.byteLength;
} else if (values.mode === "file" || values.mode === "toweb") {
  const dir = mkdtempSync(join(tmpdir(), "outputs-bench-"));
  try {
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          count(chunk);
          controller.enqueue(chunk);
        },
      }),
    );
    const file = createWriteStream(join(dir, "output"));
    if (values.mode === "toweb") await counted.pipeTo(Writable.toWeb(file));
    else await pipeline(Readable.fromWeb(counted as import("node:stream/web").ReadableStream<Uint8Array>), file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) count(read.value);
}
const ms = performance.now() - started;
settle();
const expected = Number(response.headers.get("content-length"));
if (bytes !== expected) throw new Error(`read ${bytes} bytes, Content-Length said ${expected}`);
console.log(`RESULT ${JSON.stringify({
  ms,
  bytes,
  heapGrowth: peak.heapUsed - start.heapUsed,
  buffersGrowth: peak.arrayBuffers - start.arrayBuffers,
  rssGrowth: peak.rss - start.rss,
})}`);
process.exit(0);
