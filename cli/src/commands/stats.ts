/** `alteryx-jobs stats`: runs, failures, queue wait and run time over a window; as text, JSON, CSV or a page. */
import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import type { JobsClient } from "alteryx-jobs-api";
import { action, type Context } from "../context.js";
import { csvLine } from "../csv.js";
import { CliError, EXIT } from "../exit-codes.js";
import { humanDuration, paintState } from "../format.js";
import { progress } from "../progress.js";
import { computeStats, endedAt, type Run, type Stats, type WorkflowStats } from "../stats/compute.js";
import { statsPage } from "../stats/html.js";
import { renderTable } from "../table.js";
import { integer, pointInTime, utcDay } from "../values.js";

interface StatsFlags {
  since: Date;
  until?: Date;
  top: number;
  concurrency: number;
  json?: boolean;
  csv?: boolean;
  html?: string;
}

/** Every job that completed in the window (the list, concurrently), then each one's disposition (getJob). */
async function collect(
  ctx: Context,
  client: JobsClient,
  since: Date,
  until: Date,
  concurrency: number,
): Promise<Run[]> {
  const shown = await progress(ctx, "listing jobs…");
  try {
    // The API filters by whole UTC days (completedBefore excludes its day); the exact window is applied here.
    const query = {
      completedAfter: utcDay(since),
      completedBefore: utcDay(new Date(until.getTime() + 86_400_000)),
      allUsers: true,
    };
    const runs: Run[] = [];
    for await (const job of client.iterateJobs(query, { pageSize: 1000, concurrency })) {
      const end = endedAt(job);
      if (Number.isFinite(end) && (end < since.getTime() || end >= until.getTime())) continue;
      // A cancelled run's disposition is known without asking.
      runs.push({ job, disposition: /^Cancell?ed$/i.test(job.status) ? "Cancelled" : "" });
      if (runs.length % 500 === 0) shown.update(`listing jobs… ${runs.length}`);
    }
    // The list has no disposition: read each remaining job, without messages, a few at a time.
    const pending = runs.filter((r) => r.disposition === "");
    let done = 0;
    const worker = async () => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        const job = await client.getJob(next.job.jobId, { includeMessages: false });
        next.disposition = job.disposition ?? "None";
        if (++done % 20 === 0) shown.update(`reading outcomes… ${done} of ${done + pending.length}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return runs;
  } finally {
    shown.stop();
  }
}

const minute = (iso: string) => iso.slice(0, 16).replace("T", " ");
const ms = (value: number | null) => (value === null ? "-" : humanDuration(value));
const pct = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);

function renderText(ctx: Context, stats: Stats, top: number): string {
  const c = ctx.colors;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${paintState(k, c)} ${v}`)
      .join("   ") || "-";
  const line = (name: string, value: string) => `${c.bold(name.padEnd(16))}${value}`;
  const slowest = stats.workflows.slice(0, top);
  return [
    `Runs completed ${minute(stats.window.since)} to ${minute(stats.window.until)} UTC: ${stats.runs}`,
    line("By status", counts(stats.byStatus)),
    line("By disposition", counts(stats.byDisposition)),
    line(
      "Failure rate",
      `${pct(stats.failureRate)} (${stats.failures} of ${stats.completed} completed runs ended in Error)`,
    ),
    line("Queue wait", `median ${ms(stats.queueWaitMs.median)}   95th percentile ${ms(stats.queueWaitMs.p95)}`),
    line("Run time", `median ${ms(stats.runTimeMs.median)}   95th percentile ${ms(stats.runTimeMs.p95)}`),
    "",
    c.bold(`Slowest workflows (by median run time, ${slowest.length} of ${stats.workflows.length})`),
    slowest.length
      ? renderTable(
          slowest,
          [
            { header: "WORKFLOW", value: (w: WorkflowStats) => w.workflowName, flexible: true },
            { header: "RUNS", value: (w) => String(w.runs), align: "right" },
            // Of the RUNS beside it (cancelled runs included), so that the two columns read together.
            { header: "FAILED", value: (w) => `${w.failures} (${pct(w.failures / w.runs)})`, align: "right" },
            { header: "MEDIAN RUN", value: (w) => ms(w.runTimeMs.median), align: "right" },
            { header: "P95 RUN", value: (w) => ms(w.runTimeMs.p95), align: "right" },
            { header: "MEDIAN WAIT", value: (w) => ms(w.queueWaitMs.median), align: "right" },
          ],
          ctx.width,
          c.bold,
        )
      : c.dim("none"),
  ].join("\n");
}

const CSV_HEADER = [
  "workflowId",
  "workflowName",
  "runs",
  "success",
  "warning",
  "error",
  "cancelled",
  "failureRate",
  "medianRunSeconds",
  "p95RunSeconds",
  "medianWaitSeconds",
  "p95WaitSeconds",
];
const seconds = (value: number | null) => (value === null ? null : Math.round(value) / 1000);

function renderCsv(stats: Stats): string {
  return [
    csvLine(CSV_HEADER),
    ...stats.workflows.map((w) =>
      csvLine([
        w.workflowId,
        w.workflowName,
        w.runs,
        w.byDisposition.Success ?? 0,
        w.byDisposition.Warning ?? 0,
        w.byDisposition.Error ?? 0,
        w.byDisposition.Cancelled ?? 0,
        w.failureRate === null ? null : Number(w.failureRate.toFixed(4)),
        seconds(w.runTimeMs.median),
        seconds(w.runTimeMs.p95),
        seconds(w.queueWaitMs.median),
        seconds(w.queueWaitMs.p95),
      ]),
    ),
  ].join("");
}

async function stats(ctx: Context, flags: StatsFlags): Promise<void> {
  const until = flags.until ?? new Date();
  if (until.getTime() <= flags.since.getTime()) throw new CliError("--until must be later than --since", EXIT.usage);
  const client = await ctx.client();
  const result = computeStats(await collect(ctx, client, flags.since, until, flags.concurrency), flags.since, until);
  if (flags.html) {
    writeFileSync(flags.html, statsPage(result, await ctx.baseUrl()));
    ctx.note(`wrote ${flags.html}`);
  }
  if (flags.json) return ctx.printJson(result);
  if (flags.csv) return void ctx.out.write(renderCsv(result));
  if (!flags.html) ctx.print(renderText(ctx, result, flags.top));
}

export function registerStats(program: Command): void {
  program
    .command("stats")
    .description(
      "runs by status and disposition, failure rate, slowest workflows, queue wait and run time over a window",
    )
    .addOption(
      new Option("--since <when>", "start of the window: yyyy-MM-dd or 7d, 24h ago")
        .default(pointInTime("7d"), "7d")
        .argParser((t) => pointInTime(t)),
    )
    .addOption(new Option("--until <when>", "end of the window (default: now)").argParser((t) => pointInTime(t)))
    .addOption(new Option("--top <n>", "slowest workflows to show").default(10).argParser(integer(1, 1000)))
    .addOption(new Option("--concurrency <n>", "requests in flight").default(4).argParser(integer(1, 16)))
    .addOption(new Option("--json", "the figures as JSON").conflicts(["csv"]))
    .option("--csv", "one CSV line per workflow")
    .option("--html <file>", "also write a self-contained page with charts to this file")
    .action(action(stats));
}
