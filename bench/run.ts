/**
 * npm run bench [-- --smoke] [--only per-request,cpu,paging,waiting,size,toolchain,outputs,cli,install] [--out FILE]
 *
 * Runs every section, then prints all tables together as markdown, with the targets met or missed.
 * `--smoke` runs each section at a tiny size in well under a minute; it never asserts timings and exits
 * non-zero only when something crashed. See bench/README.md.
 */
import { execSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { cliSection } from "./cli.js";
import { outputsSection } from "./outputs.js";
import { pagingSection } from "./paging.js";
import { cpuSection } from "./cpu.js";
import { installSection } from "./install.js";
import { perRequestSection } from "./per-request.js";
import { sizeSection } from "./size.js";
import type { Target } from "./stats.js";
import { toolchainSection } from "./toolchain.js";
import { waitingSection } from "./waiting.js";

const SECTIONS = ["per-request", "cpu", "paging", "waiting", "size", "toolchain", "outputs", "cli", "install"] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    out: { type: "string" },
  },
  strict: true,
});
const smoke = values.smoke;
const only = new Set((values.only ?? SECTIONS.join(",")).split(",").map((s) => s.trim()));
for (const name of only)
  if (!SECTIONS.includes(name as Section)) throw new Error(`unknown section ${name}; known: ${SECTIONS.join(", ")}`);

function machine(): string {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown";
  let nproc = String(cpus().length);
  try {
    nproc = execSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    // not everywhere
  }
  const when = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const note = smoke ? ", **smoke run (tiny sizes, 1 repetition: not a measurement)**" : "";
  return `${nproc} × ${cpu}, Node ${process.version}, ${process.platform}-${process.arch}, ${when}${note}`;
}

const runners: Record<Section, () => Promise<{ markdown: string; targets: Target[] }>> = {
  "per-request": () =>
    perRequestSection(
      smoke ? { requests: 300, warmup: 50, repetitions: 1 } : { requests: 5_000, warmup: 1_000, repetitions: 5 },
    ),
  cpu: () => cpuSection(smoke ? { calls: 500, repetitions: 1 } : { calls: 20_000, repetitions: 7 }),
  paging: () =>
    pagingSection(
      smoke
        ? { jobs: 2_000, repetitions: 1, latencies: [0, 20] }
        : { jobs: 100_000, repetitions: 3, latencies: [0, 20] },
    ),
  waiting: () => waitingSection(smoke ? { trials: 5 } : { trials: 201 }),
  size: () => sizeSection(),
  toolchain: () => toolchainSection(smoke ? { repetitions: 1, commands: false } : { repetitions: 3, commands: true }),
  outputs: () => outputsSection({ repetitions: smoke ? 1 : 5 }),
  cli: () =>
    cliSection(smoke ? { sizes: [1_000, 5_000], repetitions: 1 } : { sizes: [10_000, 100_000], repetitions: 3 }),
  install: () => installSection(),
};

const started = performance.now();
const parts: string[] = [];
const targets: Target[] = [];
for (const name of SECTIONS) {
  if (!only.has(name)) continue;
  const t = performance.now();
  process.stderr.write(`bench: ${name}...`);
  const result = await runners[name]();
  process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  parts.push(result.markdown);
  targets.push(...result.targets);
}

const report = [
  `## Performance`,
  ``,
  `Machine: ${machine()}. Total bench time ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  ``,
  ...parts.flatMap((p) => [p, ""]),
  `### Targets`,
  ``,
  `| target | figure | verdict |`,
  `| --- | --- | --- |`,
  ...targets.map((t) => `| ${t.name} | ${t.figure} | ${t.met ? "met" : "**missed**"} |`),
  ``,
].join("\n");
console.log(report);
if (values.out) writeFileSync(values.out, report);
// Keep-alive sockets and children must not hold the process open.
process.exit(0);
