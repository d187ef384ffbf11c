/** `alteryx-jobs cancel JOB...` or `cancel --status Queued ...`: with --dry-run, and a confirmation on a terminal. */
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { type CancelResult, JobsApiError, type JobsClient, type JobSummary, jobState } from "alteryx-jobs-api";
import { action, type Context } from "../context.js";
import { errorLine, exitCodeOf } from "../errors.js";
import { CliError, EXIT, type ExitCode } from "../exit-codes.js";
import { paintState } from "../format.js";
import { jobColumns } from "../jobs-table.js";
import { renderTable } from "../table.js";
import { isTerminal } from "../terminal.js";
import { nonEmpty } from "../values.js";
import { addFilterOptions, type FilterFlags, queryOf } from "./filters.js";

interface CancelFlags extends FilterFlags {
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** A job to cancel: its id, and what is known of it (a listed job; or only the id). */
interface Target {
  jobId: string;
  status?: string;
  summary?: JobSummary;
}

const hasFilter = (f: FilterFlags) =>
  [f.status, f.priority, f.workflowName, f.user, f.completedAfter, f.completedBefore].some((v) => v !== undefined);

/** What cancelling does to a job in this state: a queued job is deleted, a started one cancelled. */
const effect = (status: string | undefined) => (jobState(status) === "queued" ? "delete" : "cancel");

async function targetsOf(client: JobsClient, ids: string[], flags: CancelFlags): Promise<Target[]> {
  if (ids.length > 0) return [...new Set(ids)].map((jobId) => ({ jobId }));
  const targets: Target[] = [];
  for await (const job of client.iterateJobs(queryOf(flags), { pageSize: 500, concurrency: 4 })) {
    targets.push({ jobId: job.jobId, status: job.status, summary: job });
  }
  return targets;
}

async function confirm(ctx: Context, question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: ctx.err });
  try {
    return /^(y|yes)$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** How `cancel` picks its jobs: by id or by filter; both at once, or neither, is a usage error. */
export function selectionOf(ids: readonly string[], flags: FilterFlags): "ids" | "filters" {
  const byFilter = hasFilter(flags) || flags.allUsers === true;
  if (ids.length > 0 && byFilter)
    throw new CliError("give job ids or filters (--status, --workflow-name, ...), not both", EXIT.usage);
  if (ids.length === 0 && !byFilter)
    throw new CliError("name the jobs to cancel, or pick them with filters such as --status Queued", EXIT.usage);
  return byFilter ? "filters" : "ids";
}

/** One job's line of the report: what happened, and the exit code it asks for (0 when it was stopped). */
export interface CancelReport {
  result: { jobId: string; outcome: string; message?: string; note?: string; error?: Record<string, unknown> };
  exitCode: ExitCode;
}

/**
 * Words how one cancel ended, from what the client returned or threw. The client reads the job back only after
 * the DELETE succeeded (to tell "deleted" from "cancelled" when the server gave no words), so a failure of that
 * read (getJob) leaves the DELETE standing: the job was stopped, only which way is unknown.
 */
export function cancelReport(jobId: string, settled: { value: CancelResult } | { error: JobsApiError }): CancelReport {
  if ("value" in settled) {
    const { outcome, message } = settled.value;
    const known = outcome === "cancelled" || outcome === "deleted";
    return { result: { jobId, outcome: known ? outcome : STOPPED, message }, exitCode: EXIT.ok };
  }
  const { error } = settled;
  if (error.operationId === "getJob") {
    const note = `the server did not say which, and reading the job back failed: ${errorLine(error)}`;
    return { result: { jobId, outcome: STOPPED, note }, exitCode: EXIT.ok };
  }
  // A refusal (the job has finished, or is not ours) is exit code 1; not found, auth and the rest their own.
  const exitCode = error.status === 400 && error.operationId === "cancelJob" ? EXIT.jobFailed : exitCodeOf(error);
  return { result: { jobId, outcome: "not cancelled", error: error.toJSON() }, exitCode };
}

/** The outcome of a cancel that stood when the server did not say whether it cancelled or deleted. */
const STOPPED = "cancelled or deleted";

async function cancel(ctx: Context, ids: string[], flags: CancelFlags): Promise<void> {
  const byFilter = selectionOf(ids, flags) === "filters";
  const client = await ctx.client();
  const targets = await targetsOf(client, ids, flags);
  if (targets.length === 0) return ctx.note("No job matches: nothing to cancel.");

  if (flags.dryRun) return dryRun(ctx, client, targets, flags);
  const interactive = isTerminal(ctx.err) && process.stdin.isTTY === true;
  if (!flags.yes && interactive) {
    if (byFilter)
      ctx.err.write(
        `${renderTable(
          targets.map((t) => t.summary!),
          jobColumns(ctx.errColors),
          ctx.width,
          ctx.errColors.bold,
        )}\n`,
      );
    const what = targets.length === 1 ? `job ${targets[0]!.jobId}` : `these ${targets.length} jobs`;
    if (!(await confirm(ctx, `Cancel ${what}?`))) {
      ctx.note("Nothing was cancelled.");
      process.exitCode = EXIT.jobFailed;
      return;
    }
  } else if (!flags.yes && byFilter) {
    throw new CliError(
      `${targets.length} jobs match; with no terminal to ask on, cancelling jobs picked by filters needs --yes`,
      EXIT.usage,
    );
  }

  const results: CancelReport["result"][] = [];
  for (const target of targets) {
    const settled = await client.cancelJob(target.jobId).then(
      (value) => ({ value }),
      (error: unknown) => {
        if (error instanceof JobsApiError) return { error };
        throw error;
      },
    );
    const { result, exitCode } = cancelReport(target.jobId, settled);
    results.push(result);
    process.exitCode ||= exitCode;
    if (!flags.json) {
      if (result.error && "error" in settled)
        ctx.print(
          `${target.jobId} ${ctx.colors.red(result.outcome)}: ${settled.error.serverMessage ?? errorLine(settled.error)}`,
        );
      else ctx.print(`${target.jobId} ${ctx.colors.green(result.outcome)}${result.note ? ` (${result.note})` : ""}`);
    }
    if (exitCode === EXIT.auth) break; // the next ones would be refused the same way
  }
  if (flags.json) ctx.printJson(results);
}

async function dryRun(ctx: Context, client: JobsClient, targets: Target[], flags: CancelFlags): Promise<void> {
  // Jobs named by id are looked up (without messages) to tell what would happen; nothing is changed.
  for (const target of targets) {
    if (target.status !== undefined) continue;
    try {
      target.status = (await client.getJob(target.jobId, { includeMessages: false })).status;
    } catch (error) {
      process.exitCode ||= exitCodeOf(error);
      target.status = `not found or not readable: ${errorLine(error)}`;
    }
  }
  if (flags.json)
    return ctx.printJson(targets.map((t) => ({ jobId: t.jobId, status: t.status, wouldDo: effect(t.status) })));
  for (const t of targets) {
    const state = paintState(t.status, ctx.colors);
    ctx.print(`${t.jobId} ${state}: would ${/^not found/.test(t.status ?? "") ? "fail" : effect(t.status)}`);
  }
  ctx.note(
    ctx.errColors.dim(`dry run: ${targets.length} job${targets.length === 1 ? "" : "s"}, nothing was cancelled`),
  );
}

export function registerCancel(program: Command): void {
  const command = program
    .command("cancel")
    .description("cancel running jobs and delete queued ones, by id or by filter; asks first on a terminal")
    .argument("[jobs...]", "job ids", (id: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      nonEmpty(id),
    ]);
  addFilterOptions(command)
    .option("--dry-run", "show what would be cancelled or deleted, change nothing")
    .option("-y, --yes", "do not ask (needed to cancel by filter without a terminal)")
    .option("--json", "the results as JSON")
    .action(action(async (ctx, ids: string[] | undefined, flags: CancelFlags) => cancel(ctx, ids ?? [], flags)));
}
