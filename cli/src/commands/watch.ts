/** `alteryx-jobs watch`: the live queue, redrawn in place on a terminal every few seconds until Ctrl-C. */
import { setTimeout as sleep } from "node:timers/promises";
import { type Command, Option } from "commander";
import { JobsApiError, type JobsClient, type JobSummary } from "alteryx-jobs-api";
import { action, type Context } from "../context.js";
import { errorLine } from "../errors.js";
import { humanDuration, paintState, parseTime } from "../format.js";
import { type Column, renderTable } from "../table.js";
import { canMove } from "../terminal.js";
import { duration, integer } from "../values.js";

export interface Snapshot {
  at: string;
  counts: { Queued: number; Initializing: number; Running: number };
  /** Running and Initializing jobs, longest running first. */
  running: JobSummary[];
  /** Queued jobs, longest waiting first. */
  queued: JobSummary[];
}

interface WatchFlags {
  interval: number;
  rows?: number;
  once?: boolean;
  json?: boolean;
}

export async function snapshot(client: JobsClient, rows: number): Promise<Snapshot> {
  const oldestFirst = { sortField: "CreateDate", direction: "asc", limit: rows } as const;
  const [running, queued, initializing] = await Promise.all([
    client.listJobs({ statuses: ["Running", "Initializing"], ...oldestFirst }),
    client.listJobs({ statuses: ["Queued"], ...oldestFirst }),
    client.listJobs({ statuses: ["Initializing"], limit: 1 }),
  ]);
  const init = initializing.pagination.totalItems;
  return {
    at: new Date().toISOString(),
    counts: { Queued: queued.pagination.totalItems, Initializing: init, Running: running.pagination.totalItems - init },
    running: running.data,
    queued: queued.data,
  };
}

/** How to stop the view, as its first line says it: "" for one refresh. */
type StopHint = "" | " · Ctrl-C to stop" | " · q or Ctrl-C to stop";

function render(
  ctx: Context,
  snap: Snapshot,
  url: string,
  flags: WatchFlags,
  stop: StopHint,
  problem?: string,
): string {
  const c = ctx.colors;
  const now = Date.parse(snap.at);
  const since = (iso: string | null | undefined) => {
    const t = parseTime(iso);
    return t === undefined ? "-" : humanDuration(now - t);
  };
  const base: Column<JobSummary>[] = [
    { header: "JOB", value: (j: JobSummary) => j.jobId },
    { header: "WORKFLOW", value: (j: JobSummary) => j.workflowName, flexible: true },
    { header: "USER", value: (j: JobSummary) => j.submittedBy ?? "-", flexible: true },
    { header: "PRIORITY", value: (j: JobSummary) => j.priority },
  ];
  const section = (title: string, total: number, jobs: JobSummary[], columns: Column<JobSummary>[]) => {
    const more = total > jobs.length ? c.dim(`… and ${total - jobs.length} more`) : "";
    const body = jobs.length ? renderTable(jobs, columns, ctx.width, c.bold) : c.dim("none");
    return [c.bold(`${title} (${total})`), body, ...(more ? [more] : [])].join("\n");
  };
  const { Queued, Initializing, Running } = snap.counts;
  const time = snap.at.slice(11, 19);
  return [
    `${c.bold("Alteryx job queue")} ${url} · ${time} UTC · every ${humanDuration(flags.interval)}${stop}`,
    `${paintState("Running", c)} ${Running}   ${paintState("Initializing", c)} ${Initializing}   Queued ${Queued}`,
    ...(problem ? [c.red(`last refresh failed: ${problem}; retrying`)] : []),
    "",
    section("Running", Running + Initializing, snap.running, [
      ...base,
      { header: "STATUS", value: (j) => paintState(j.status, c) },
      { header: "RUNNING FOR", value: (j) => since(j.startTime), align: "right" },
    ]),
    "",
    section("Queued, longest waiting first", Queued, snap.queued, [
      ...base,
      { header: "WAITING", value: (j) => since(j.queueTime), align: "right" },
    ]),
  ].join("\n");
}

/**
 * `q` (as in top and less) or Ctrl-C stop a live view: the keyboard is read key by key while it runs (raw mode
 * takes Ctrl-C from the terminal, so it is read here too). Nothing happens when stdin is not a terminal.
 */
function quitKeys(quit: () => void): { release(): void } | undefined {
  const stdin = process.stdin;
  if (!stdin.isTTY) return undefined;
  const onKey = (key: Buffer) => {
    if (/^[qQ\x03]$/.test(key.toString("latin1"))) quit();
  };
  stdin.setRawMode(true);
  stdin.on("data", onKey).resume();
  return {
    release: () => {
      stdin.off("data", onKey);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}

async function watch(ctx: Context, flags: WatchFlags): Promise<void> {
  const client = await ctx.client();
  const url = await ctx.baseUrl();
  // Redrawn in place only on a terminal of a sane width; elsewhere each refresh is printed below the last.
  const terminal = canMove(ctx.out) && !flags.json;
  // On a terminal, as many rows as fit; elsewhere 20 of each.
  const rows = flags.rows ?? (terminal ? Math.max(3, Math.floor(((ctx.out.rows || 24) - 12) / 2)) : 20);
  const stop = new AbortController();
  const onInt = () => stop.abort();
  // `on`, not `once`: signal-exit (under log-update) ends the process itself when it sees no other listener.
  process.on("SIGINT", onInt).on("SIGTERM", onInt);
  // log-update is loaded only for a terminal.
  const draw = terminal ? (await import("log-update")).createLogUpdate(ctx.out) : undefined;
  const keys = draw && !flags.once ? quitKeys(onInt) : undefined;
  const stopHint: StopHint = flags.once ? "" : keys ? " · q or Ctrl-C to stop" : " · Ctrl-C to stop";
  let last: Snapshot | undefined;
  try {
    while (!stop.signal.aborted) {
      let problem: string | undefined;
      try {
        last = await snapshot(client, rows);
      } catch (error) {
        // The first refresh, a refusal or a bad request end the watch; a later network hiccup does not.
        const fatal =
          !last ||
          !(error instanceof JobsApiError) ||
          error.status === 401 ||
          error.status === 403 ||
          error.kind === "invalid-request";
        if (fatal) throw error;
        problem = errorLine(error);
      }
      if (flags.json) ctx.print(JSON.stringify(last));
      else if (draw) draw(render(ctx, last!, url, flags, stopHint, problem));
      else ctx.print(`${render(ctx, last!, url, flags, stopHint, problem)}\n`);
      if (flags.once) break;
      await sleep(flags.interval, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } finally {
    draw?.done();
    keys?.release();
    process.off("SIGINT", onInt).off("SIGTERM", onInt);
  }
}

export function registerWatch(program: Command): void {
  program
    .command("watch")
    .description(
      "a live view of the queue: counts by status, running and queued jobs and how long each has run or waited",
    )
    .addOption(
      new Option("--interval <duration>", "time between refreshes (2s, 1m)").default(5_000, "5s").argParser(duration),
    )
    .addOption(
      new Option("--rows <n>", "jobs shown per table (default: what fits the terminal)").argParser(integer(1, 1000)),
    )
    .option("--once", "one refresh, then exit")
    .option("--json", "one JSON object per refresh, one per line")
    .action(action(watch));
}
