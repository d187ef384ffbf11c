/**
 * Downloading a multi-MB job output: the simulator's largest output of its seeded jobs, read as a stream, piped
 * to a file, and (for contrast) buffered whole. The simulator runs in its own process (bench/sim-server.ts) and
 * makes the file's bytes as they are sent; each download is a fresh client process (bench/outputs-worker.ts)
 * whose peak growth of live memory (GC forced at every MiB) over its start is measured; the variants are
 * interleaved.
 */
import { FIXED_START } from "../simulator/src/clock.js";
import { jobOutputFiles, outputDownload } from "../simulator/src/outputs.js";
import { generateData } from "../simulator/src/seed-data.js";
import { runChild, startServerChild } from "./child.js";
import { type Target, interleaved, max, mb, median, ms, num, table } from "./stats.js";

interface Sim {
  url: string;
  token: string;
}
interface Run {
  ms: number;
  bytes: number;
  heapGrowth: number;
  buffersGrowth: number;
  rssGrowth: number;
}

export interface OutputsOptions {
  repetitions: number;
}

/** bench/sim-server.ts serves this many jobs of seed 1; the largest output among them is downloaded. */
const JOBS = 1_000;
const VARIANTS = [
  { name: "stream: fetch, body read chunk by chunk", mode: "stream" },
  { name: "file: pipeline(Readable.fromWeb(body), createWriteStream)", mode: "file" },
  { name: "file: body.pipeTo(Writable.toWeb(createWriteStream))", mode: "toweb" },
  { name: "buffer: fetch + arrayBuffer() (contrast)", mode: "buffer" },
  { name: "client: ayx.getJobOutput(...), body read chunk by chunk", mode: "client" },
  { name: "client: saveJobOutputs (every output of the job)", mode: "save" },
] as const;

/** The job and output (Raw) with the most bytes among the seeded jobs the bench simulator serves. */
function largestOutput(): { job: string; output: string; size: number } {
  const data = generateData(1, JOBS);
  let best = { job: "", output: "", size: 0 };
  for (let i = 0; i < data.jobs.length; i++) {
    for (const file of jobOutputFiles(data.seed, data.jobs, data.workflows, i, FIXED_START)) {
      const size = outputDownload(file, "Raw")?.size ?? 0;
      if (size > best.size) best = { job: data.jobs.id(i), output: file.id, size };
    }
  }
  return best;
}

export async function outputsSection(opts: OutputsOptions): Promise<{ markdown: string; targets: Target[] }> {
  const target = largestOutput();
  const sim = await startServerChild<Sim>("./sim-server.ts", ["--jobs", String(JOBS)]);
  try {
    const results = await interleaved(VARIANTS, opts.repetitions, (v) =>
      runChild<Run>(
        "./outputs-worker.ts",
        [
          "--url",
          sim.info.url,
          "--token",
          sim.info.token,
          "--job",
          target.job,
          "--output",
          target.output,
          "--format",
          "Raw",
          "--mode",
          v.mode,
        ],
        ["--expose-gc"],
      ),
    );
    const js = (r: Run) => r.heapGrowth + r.buffersGrowth;
    const share = (bytes: number) => `${num((100 * bytes) / target.size, 1)} %`;
    const rows = VARIANTS.map((v) => {
      const runs = results.get(v.name)!;
      const wall = median(runs.map((r) => r.ms));
      return [
        v.name,
        mb(median(runs.map((r) => r.bytes))),
        ms(wall),
        `${num(median(runs.map((r) => r.bytes / (1024 * 1024) / (r.ms / 1000))), 0)} MB/s`,
        mb(median(runs.map((r) => r.heapGrowth))),
        mb(median(runs.map((r) => r.buffersGrowth))),
        `${mb(max(runs.map(js)))} (${share(max(runs.map(js)))})`,
        mb(median(runs.map((r) => r.rssGrowth))),
      ];
    });
    const worst = (mode: string) =>
      max(VARIANTS.filter((v) => v.mode === mode).flatMap((v) => results.get(v.name)!.map(js)));
    const streamed = Math.max(worst("stream"), worst("file"), worst("client"), worst("save"));
    const markdown = [
      `### 6. Downloading a job output`,
      ``,
      [
        `The largest output of the bench simulator's ${num(JOBS, 0)} seeded jobs: ${mb(target.size)}`,
        `(${num(target.size, 0)} bytes, \`Raw\`), made by the simulator as it is sent (in its own process).`,
        `Each download is a fresh process with \`--expose-gc\`, fetch warmed up by one small request first; memory`,
        `is the peak growth over its start of what stays alive: GC is forced at every MiB read and at the end (the`,
        `buffered variant still holding its buffer), then \`heapUsed\`, \`arrayBuffers\` (where the chunks live)`,
        `and RSS are read. The forced collections add a little to the wall times. On Node 20 and 22,`,
        `\`Writable.toWeb(createWriteStream())\` does not hold the body back while the file is written, so the`,
        `whole file piles up in memory (Node 24 fixed it); \`stream.pipeline(Readable.fromWeb(body),`,
        `createWriteStream())\` holds it back on every version. Median of ${opts.repetitions} interleaved runs;`,
        `the JS memory column is the worst run. \`saveJobOutputs\` writes every output of the job, the large one`,
        `included, one after the other.`,
      ].join(" "),
      ``,
      table(
        [
          "variant",
          "bytes",
          "wall time",
          "throughput",
          "peak heap growth",
          "peak ArrayBuffer growth",
          "peak heap + buffers growth, worst (share of the file)",
          "peak RSS growth",
        ],
        rows,
      ),
    ].join("\n");
    return {
      markdown,
      targets: [
        {
          // Bounded by the streams' buffers, not by the file: Readable.fromWeb alone holds up to 16 chunks.
          name: `a streamed ${mb(target.size)} output (fetch or client, read or saved): live JS memory growth < 2 MB`,
          met: streamed < 2 * 1024 * 1024,
          figure: [
            `${mb(streamed)} (${share(streamed)} of the file; through Writable.toWeb: ${mb(worst("toweb"))};`,
            `buffered whole: ${mb(worst("buffer"))})`,
          ].join(" "),
        },
      ],
    };
  } finally {
    await sim.stop();
  }
}
