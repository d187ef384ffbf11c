/**
 * Paging at scale: every job of the simulator through iterateJobs (page size 100), sequential and with 2, 4
 * and 8 pages in flight, next to a hand-written sequential offset loop over raw fetch; at 0 ms and at 20 ms of
 * latency added per request inside the simulator's process (bench/sim-server.ts). Each run is a fresh client
 * process (bench/paging-worker.ts) so its memory growth is its own; the variants are interleaved.
 */
import { runChild, startServerChild } from "./child.js";
import { type Target, interleaved, max, mb, median, ms, num, ratio, table } from "./stats.js";

interface Sim {
  url: string;
  token: string;
}
interface Run {
  ms: number;
  requests: number;
  jobs: number;
  heapGrowth: number;
  rssGrowth: number;
}
interface Variant {
  name: string;
  latency: number;
  mode: "raw" | "client";
  concurrency: number;
}

export interface PagingOptions {
  jobs: number;
  repetitions: number;
  latencies: number[];
}

const PAGE_SIZE = 100;
const spread = (values: number[]) =>
  values.length > 1 ? `${mb(median(values))} / ${mb(max(values))}` : mb(values[0]!);

export async function pagingSection(opts: PagingOptions): Promise<{ markdown: string; targets: Target[] }> {
  const sims = new Map<number, Awaited<ReturnType<typeof startServerChild<Sim>>>>();
  try {
    for (const latency of opts.latencies) {
      sims.set(
        latency,
        await startServerChild<Sim>("./sim-server.ts", ["--jobs", String(opts.jobs), "--latency", String(latency)]),
      );
    }
    const variants: Variant[] = opts.latencies.flatMap((latency) => [
      { name: `raw fetch offset loop, sequential @${latency}`, latency, mode: "raw" as const, concurrency: 1 },
      ...[1, 2, 4, 8].map((c) => ({
        name: `iterateJobs, ${c === 1 ? "sequential" : `concurrency ${c}`} @${latency}`,
        latency,
        mode: "client" as const,
        concurrency: c,
      })),
      { name: `control: raw fetch, 4 workers, no ordering @${latency}`, latency, mode: "raw" as const, concurrency: 4 },
    ]);
    const results = await interleaved(variants, opts.repetitions, (v) => {
      const sim = sims.get(v.latency)!.info;
      return runChild<Run>(
        "./paging-worker.ts",
        [
          "--url",
          sim.url,
          // One argument: a token that starts with "-" would read as an option.
          `--token=${sim.token}`,
          "--mode",
          v.mode,
          "--concurrency",
          String(v.concurrency),
          "--page-size",
          String(PAGE_SIZE),
          "--expect",
          String(opts.jobs),
        ],
        ["--expose-gc"],
      );
    });

    const medianMs = (name: string) => median(results.get(name)!.map((r) => r.ms));
    const rows = variants.map((v) => {
      const runs = results.get(v.name)!;
      const wall = medianMs(v.name);
      const raw = medianMs(`raw fetch offset loop, sequential @${v.latency}`);
      const seq = medianMs(`iterateJobs, sequential @${v.latency}`);
      return [
        `${v.latency} ms`,
        v.name.replace(/ @\d+$/, ""),
        ms(wall),
        num(median(runs.map((r) => r.requests)), 0),
        ratio(raw, wall),
        ratio(seq, wall),
        spread(runs.map((r) => r.heapGrowth)),
        spread(runs.map((r) => r.rssGrowth)),
      ];
    });

    const targetLatency = opts.latencies.includes(20) ? 20 : opts.latencies.at(-1)!;
    const c4 = `iterateJobs, concurrency 4 @${targetLatency}`;
    const speedup = medianMs(`raw fetch offset loop, sequential @${targetLatency}`) / medianMs(c4);
    const speedupClient = medianMs(`iterateJobs, sequential @${targetLatency}`) / medianMs(c4);
    const heapPeak = max(
      variants.filter((v) => v.mode === "client").flatMap((v) => results.get(v.name)!.map((r) => r.heapGrowth)),
    );
    const rawRss = max(
      variants
        .filter((v) => v.mode === "raw" && v.concurrency === 1)
        .flatMap((v) => results.get(v.name)!.map((r) => r.rssGrowth)),
    );
    const rssPeak = max(
      variants.filter((v) => v.mode === "client").flatMap((v) => results.get(v.name)!.map((r) => r.rssGrowth)),
    );
    const markdown = [
      `### 2. Paging at scale`,
      ``,
      `Every one of ${num(opts.jobs, 0)} simulator jobs, page size ${PAGE_SIZE}. The simulator runs in its own ` +
        `process; the latency is added inside it (each request is handed to the handler that many ms after it ` +
        `arrived). ` +
        `Each run is a fresh client process; wall time is the median of ${opts.repetitions} interleaved runs; memory ` +
        `is each run's peak growth of heapUsed and of RSS over its start (after GC), sampled every 5 ms and every ` +
        `page (median and worst over the runs). The control row is not a client: 4 raw fetch workers that share an ` +
        `offset counter, the most this server allows with 4 requests in flight.`,
      ``,
      table(
        [
          "latency",
          "variant",
          "wall time",
          "requests",
          "speed-up vs raw loop",
          "vs sequential iterateJobs",
          "peak heap growth (median / max)",
          "peak RSS growth (median / max)",
        ],
        rows,
      ),
    ].join("\n");
    return {
      markdown,
      targets: [
        {
          name:
            `iterateJobs with concurrency 4 at ${targetLatency} ms latency ` +
            "is ≥ 3× faster than the sequential loop",
          met: speedup >= 3,
          figure: `${speedup.toFixed(2)}× the raw fetch loop (${speedupClient.toFixed(2)}× sequential iterateJobs)`,
        },
        {
          name: `iterateJobs peak heap growth (heapUsed) under 50 MB for ${num(opts.jobs, 0)} jobs`,
          met: heapPeak < 50 * 1024 * 1024,
          figure: `${mb(heapPeak)} (worst of all iterateJobs runs)`,
        },
        {
          name: `iterateJobs peak RSS growth under 50 MB for ${num(opts.jobs, 0)} jobs`,
          met: rssPeak < 50 * 1024 * 1024,
          figure: `${mb(rssPeak)} (worst of all iterateJobs runs; the raw fetch loop's worst: ${mb(rawRss)})`,
        },
      ],
    };
  } finally {
    await Promise.all([...sims.values()].map((s) => s.stop()));
  }
}
