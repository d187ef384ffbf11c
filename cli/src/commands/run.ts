/** `alteryx-jobs run WORKFLOW` and `alteryx-jobs wait JOB`: queue a run, follow a job to its end. */
import { type Command, Option } from "commander";
import { hasFailed, type Job, type JobsClient, jobState } from "alteryx-jobs-api";
import { action, type Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";
import { humanDuration, paintState } from "../format.js";
import { progress } from "../progress.js";
import { saveOutputs } from "./output.js";
import { duration, nameValue, nonEmpty, oneOf } from "../values.js";
import { ENQUEUE_PRIORITIES } from "../vocabulary.js";

interface FollowFlags {
  timeout?: number;
  failOnWarning?: boolean;
  json?: boolean;
}

/** setTimeout's longest delay (about 24.8 days): "no --timeout" means this. */
const FOREVER_MS = 2_147_483_647;
class OutOfTime extends Error {}

function addFollowOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--timeout <duration>", "give up after this long (30s, 10m, 2h) with exit code 124").argParser(
        duration,
      ),
    )
    .option("--fail-on-warning", "exit 1 when the job ends in Warning");
}

/** The exit code a finished job stands for. */
export function exitCodeOfJob(job: Job, failOnWarning = false): number {
  if (hasFailed(job)) return EXIT.jobFailed;
  if (failOnWarning && jobState(job.disposition) === "warning") return EXIT.jobFailed;
  return EXIT.ok;
}

/** Follows a job to its end with a spinner (status and elapsed time) on a terminal; sets the exit code. */
async function follow(ctx: Context, client: JobsClient, jobId: string, flags: FollowFlags): Promise<Job> {
  const started = Date.now();
  let status = "…";
  const spinner = await progress(ctx, `${jobId} ${status}`);
  const tick = setInterval(() => spinner.update(`${jobId} ${status} · ${humanDuration(Date.now() - started)}`), 1000);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new OutOfTime()), flags.timeout ?? FOREVER_MS);
  let job: Job;
  try {
    job = await client.waitForJob(jobId, {
      timeoutMs: FOREVER_MS,
      signal: deadline.signal,
      onPoll: (polled) => {
        status = polled.status;
        spinner.update(`${jobId} ${status} · ${humanDuration(Date.now() - started)}`);
      },
    });
  } catch (error) {
    if (deadline.signal.aborted) {
      throw new CliError(
        `${jobId} did not finish within ${humanDuration(flags.timeout!)} (last status: ${status}); it goes on running`,
        EXIT.timeout,
      );
    }
    throw error;
  } finally {
    clearInterval(tick);
    clearTimeout(timer);
    spinner.stop();
  }
  process.exitCode = exitCodeOfJob(job, flags.failOnWarning);
  if (flags.json) {
    ctx.printJson(job);
    return job;
  }
  const c = ctx.colors;
  const outcome = job.disposition
    ? `${paintState(job.status, c)} ${paintState(job.disposition, c)}`
    : paintState(job.status, c);
  ctx.print(`${job.id} ${outcome} after ${humanDuration(Date.now() - started)}`);
  for (const message of (job.messages ?? []).filter((m) => m.status === 3))
    ctx.print(`  ${c.red("error")} ${message.text}`);
  return job;
}

interface RunFlags extends FollowFlags {
  question?: { name: string; value: string }[];
  priority?: (typeof ENQUEUE_PRIORITIES)[number];
  workerTag?: string;
  credentialId?: string;
  wait?: boolean;
  out?: string;
}

export function registerRun(program: Command): void {
  const command = program
    .command("run")
    .description("queue a run of a workflow and print the job id; with --wait, follow it to its end")
    .argument("<workflow>", "the workflow id", nonEmpty)
    .addOption(
      new Option("--question <name=value>", "an answer to an analytic app's question (repeatable)").argParser(
        nameValue,
      ),
    )
    .addOption(
      new Option("--priority <priority>", "the run's priority")
        .choices(ENQUEUE_PRIORITIES)
        .argParser(oneOf(ENQUEUE_PRIORITIES)),
    )
    .addOption(new Option("--worker-tag <tag>", "run on a worker with this tag").argParser(nonEmpty))
    .addOption(new Option("--credential-id <id>", "run with these stored credentials").argParser(nonEmpty))
    .option("--wait", "follow the job to its end (exit code from how it ended)")
    .option("--out <dir>", "with --wait: then save the job's outputs into this folder")
    .option("--json", "the queued job (with --wait, the finished job) as JSON");
  addFollowOptions(command).action(
    action(async (ctx, workflowId: string, flags: RunFlags) => {
      if ((flags.timeout !== undefined || flags.failOnWarning || flags.out) && !flags.wait) {
        throw new CliError("--timeout, --fail-on-warning and --out need --wait", EXIT.usage);
      }
      const client = await ctx.client();
      const job = await client.enqueueJob(workflowId, {
        ...(flags.question ? { questions: flags.question } : {}),
        ...(flags.priority ? { priority: flags.priority } : {}),
        ...(flags.workerTag ? { workerTag: flags.workerTag } : {}),
        ...(flags.credentialId ? { credentialId: flags.credentialId } : {}),
      });
      if (!flags.wait) return flags.json ? ctx.printJson(job) : ctx.print(job.id);
      if (!flags.json) ctx.print(job.id);
      const done = await follow(ctx, client, job.id, flags);
      // A job that ended in Error has nothing to collect; the exit code already says how it ended.
      if (flags.out && done.outputs?.length)
        await saveOutputs(ctx, client, done.id, flags.out, { toStderr: flags.json === true });
    }),
  );
}

export function registerWait(program: Command): void {
  const command = program
    .command("wait")
    .description("follow a job to its end; the exit code says how it ended")
    .argument("<job>", "the job id", nonEmpty)
    .option("--json", "the finished job as JSON");
  addFollowOptions(command).action(
    action(async (ctx, jobId: string, flags: FollowFlags) => {
      await follow(ctx, await ctx.client(), jobId, flags);
    }),
  );
}
