/**
 * The command line at scale: `alteryx-jobs list --all --ndjson` (and --csv, and the one-page table as the
 * floor) over every job of a simulator, at two queue sizes, so that memory that grows with the queue would
 * show. Each run is a fresh `alteryx-jobs` process whose stdout is counted and dropped; its peak RSS is the
 * kernel's (process.resourceUsage().maxRSS, written at exit by a preload). The built binary is used when
 * cli/dist/main.js exists (npm run build), else the source through tsx.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { root, startServerChild } from "./child.js";
import { type Target, interleaved, max, mb, median, ms, num, table } from "./stats.js";

interface Sim {
  url: string;
  token: string;
}
interface Run {
  ms: number;
  lines: number;
  maxRss: number;
}
interface Variant {
  name: string;
  jobs: number;
  args: string[];
}

export interface CliBenchOptions {
  sizes: [number, number];
  repetitions: number;
}

const built = join(root, "cli/dist/main.js");
const entry = existsSync(built) ? [built] : ["--import", "tsx", join(root, "cli/src/main.ts")];
const PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import { writeSync } from "node:fs";
   process.on("exit", () => writeSync(2, "\\nMAXRSS " + process.resourceUsage().maxRSS + "\\n"));`,
)}`;

function runCli(sim: Sim, args: string[], program: string[] = entry): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", PRELOAD, ...program, ...args], {
    cwd: root,
    env: { ...process.env, ALTERYX_BASE_URL: sim.url, ALTERYX_TOKEN: sim.token, ALTERYX_JOBS_CONFIG: "/nonexistent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let lines = 0;
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    for (let k = chunk.indexOf(10); k !== -1; k = chunk.indexOf(10, k + 1)) lines++;
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once("close", (code) => {
      const rss = /MAXRSS (\d+)/.exec(stderr);
      if (code !== 0 || !rss) return reject(new Error(`alteryx-jobs ${args.join(" ")} exited ${code}: ${stderr}`));
      resolve({ ms: performance.now() - started, lines, maxRss: Number(rss[1]) * 1024 });
    });
  });
}

export async function cliSection(opts: CliBenchOptions): Promise<{ markdown: string; targets: Target[] }> {
  const sims = new Map<number, Awaited<ReturnType<typeof startServerChild<Sim>>>>();
  try {
    for (const jobs of opts.sizes)
      sims.set(jobs, await startServerChild<Sim>("./sim-server.ts", ["--jobs", String(jobs)]));
    const variants: Variant[] = opts.sizes.flatMap((jobs) => [
      { name: `list --limit 1 (start-up floor) @${jobs}`, jobs, args: ["list", "--limit", "1"] },
      { name: `list --all --ndjson @${jobs}`, jobs, args: ["list", "--all", "--ndjson"] },
      { name: `list --all --csv @${jobs}`, jobs, args: ["list", "--all", "--csv"] },
    ]);
    const results = await interleaved(variants, opts.repetitions, (v) => runCli(sims.get(v.jobs)!.info, v.args));
    const rows = variants.map((v) => {
      const runs = results.get(v.name)!;
      const wall = median(runs.map((r) => r.ms));
      const jobs = v.args.includes("--all") ? v.jobs : 1;
      return [
        num(v.jobs, 0),
        v.name.replace(/ @\d+$/, ""),
        ms(wall),
        num((jobs / wall) * 1000, 0),
        num(median(runs.map((r) => r.lines)), 0),
        `${mb(median(runs.map((r) => r.maxRss)))} / ${mb(max(runs.map((r) => r.maxRss)))}`,
      ];
    });
    const coldStart = await coldStartTable(sims.get(opts.sizes[0])!.info, opts.repetitions * 3);
    const [small, large] = opts.sizes;
    const peak = (name: string) => max(results.get(name)!.map((r) => r.maxRss));
    const growth = peak(`list --all --ndjson @${large}`) / peak(`list --all --ndjson @${small}`);
    const overFloor = peak(`list --all --ndjson @${large}`) - peak(`list --limit 1 (start-up floor) @${large}`);
    const markdown = [
      `### 7. The command line: list --all at scale`,
      ``,
      [
        `\`alteryx-jobs\` (${existsSync(built) ? "the built cli/dist/main.js" : "cli/src/main.ts through tsx"}) in a fresh`,
        `process per run, against the simulator in its own process with ${num(small, 0)} and ${num(large, 0)} jobs;`,
        "stdout is counted and dropped. Peak RSS is the kernel's maxRSS of the CLI process (median / max of",
        `${opts.repetitions} interleaved runs). \`list --all\` pages with 500 jobs a page, 4 pages in flight.`,
      ].join(" "),
      ``,
      table(["jobs", "command", "wall time (median)", "jobs/s", "lines out", "peak RSS (median / max)"], rows),
      ``,
      coldStart.markdown,
    ].join("\n");
    return {
      markdown,
      targets: [
        ...coldStart.targets,
        {
          name:
            `list --all --ndjson runs in constant memory: ` +
            `peak RSS at ${num(large, 0)} jobs within 1.25× of ${num(small, 0)} jobs`,
          met: growth <= 1.25,
          figure:
            `${growth.toFixed(2)}× (${mb(peak(`list --all --ndjson @${large}`))} ` +
            `vs ${mb(peak(`list --all --ndjson @${small}`))}; ${mb(overFloor)} over the one-page floor)`,
        },
      ],
    };
  } finally {
    await Promise.all([...sims.values()].map((s) => s.stop()));
  }
}

/** The modules (files) Node loads for one run of the command line, through a module hook that lists them. */
const COUNT_MODULES = `data:text/javascript,${encodeURIComponent(
  `import { register } from "node:module";
   import { writeSync } from "node:fs";
   const { port1, port2 } = new MessageChannel();
   let loaded = 0;
   port1.on("message", () => loaded++);
   port1.unref();
   register("data:text/javascript," + encodeURIComponent(
     "let port; export function initialize(data) { port = data.port; }" +
     "export async function load(url, context, next) { port.postMessage(url); return next(url, context); }"
   ), { data: { port: port2 }, transferList: [port2] });
   process.on("exit", () => writeSync(2, "\\nMODULES " + loaded + "\\n"));`,
)}`;

function modulesLoaded(sim: Sim, args: string[]): Promise<number> {
  const child = spawn(process.execPath, ["--import", COUNT_MODULES, ...entry, ...args], {
    cwd: root,
    env: { ...process.env, ALTERYX_BASE_URL: sim.url, ALTERYX_TOKEN: sim.token, ALTERYX_JOBS_CONFIG: "/nonexistent" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.once("close", () => resolve(Number(/MODULES (\d+)/.exec(stderr)?.[1] ?? NaN))));
}

/**
 * Cold start: a fresh process each run, interleaved with `node -e 0` (Node's own start-up on this machine, the
 * baseline of the ratios). Each command loads only its own module: the module count says so.
 */
async function coldStartTable(sim: Sim, repetitions: number): Promise<{ markdown: string; targets: Target[] }> {
  const variants = [
    { name: "node -e 0 (baseline)", args: [] as string[], program: ["-e", "0"] },
    { name: "alteryx-jobs --version", args: ["--version"], program: entry },
    { name: "alteryx-jobs list --json --limit 1", args: ["list", "--json", "--limit", "1"], program: entry },
  ];
  const results = await interleaved(variants, repetitions, (v) => runCli(sim, v.args, v.program));
  const wall = (name: string) => median(results.get(name)!.map((r) => r.ms));
  const baseline = wall(variants[0]!.name);
  const rows = [];
  for (const v of variants) {
    const modules = v.program === entry ? num(await modulesLoaded(sim, v.args), 0) : "";
    rows.push([v.name, ms(wall(v.name)), `${(wall(v.name) / baseline).toFixed(2)}×`, modules]);
  }
  const version = wall("alteryx-jobs --version") / baseline;
  return {
    markdown: [
      `Cold start: a fresh process per run, ${repetitions} interleaved runs each, median wall time;`,
      "the ratio is to `node -e 0` measured alongside. Modules: files Node loaded for one run (a module hook).",
      "",
      table(["command", "wall time (median)", "× node -e 0", "modules loaded"], rows),
    ].join("\n"),
    targets: [
      {
        name: "alteryx-jobs --version starts within 4× of `node -e 0`",
        met: version <= 4,
        figure: `${version.toFixed(2)}× (${ms(wall("alteryx-jobs --version"))} vs ${ms(baseline)})`,
      },
    ],
  };
}
