/** `alteryx-jobs output JOB [OUTPUT]`: a finished job's files, written to a folder (or one to stdout). */
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Command } from "commander";
import { type SavedOutput, saveJobOutputs } from "alteryx-jobs-api/node";
import type { JobsClient } from "alteryx-jobs-api";
import { action, type Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";
import { progress } from "../progress.js";
import { nonEmpty } from "../values.js";

/** A size people read at a glance: bytes, kB or MB (1.4 kB is not "0.0 MB"). */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A job that has not ended has no outputs yet: a script that forgot to wait must not read that as success. */
export function refuseUnfinished(job: { id: string; status: string }): void {
  if (!/^(Queued|Initializing|Running)$/i.test(job.status)) return;
  throw new CliError(
    `job ${job.id} is ${job.status} and has no outputs yet: wait for it to finish first ` +
      `(alteryx-jobs wait ${job.id}; or queue and save in one step with alteryx-jobs run WORKFLOW --wait --out DIR)`,
    EXIT.notFound,
  );
}

function bar(done: number, size: number | undefined): string {
  if (!size) return fileSize(done);
  const width = 20;
  const filled = Math.min(width, Math.round((done / size) * width));
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${fileSize(done)} of ${fileSize(size)}`;
}

/**
 * Writes the job's outputs (or only `outputId`) into `directory` under safe names, with a progress bar on a
 * terminal; prints each path, or the list as JSON.
 */
export async function saveOutputs(
  ctx: Context,
  client: JobsClient,
  jobId: string,
  directory: string,
  options: { outputId?: string; format?: string; json?: boolean; toStderr?: boolean },
): Promise<SavedOutput[]> {
  const { outputId } = options;
  // One output: the same saving, given a view of the job that lists only that output.
  const source: Pick<JobsClient, "getJob" | "getJobOutput"> = {
    getJob: async (id, opts) => {
      const job = await client.getJob(id, opts);
      refuseUnfinished(job);
      if (outputId === undefined) return job;
      const outputs = job.outputs?.filter((o) => o.id === outputId) ?? [];
      if (outputs.length === 0) {
        const known = job.outputs?.map((o) => o.id).join(", ") || "none";
        throw new CliError(`job ${jobId} has no output ${outputId} (its outputs: ${known})`, EXIT.notFound);
      }
      return { ...job, outputs };
    },
    getJobOutput: (...args) => client.getJobOutput(...args),
  };
  const shown = await progress(ctx, `${jobId}: reading its outputs…`);
  try {
    const saved = await saveJobOutputs(source, jobId, directory, {
      ...(options.format ? { format: options.format } : {}),
      onProgress: ({ fileName, bytes, size }) => shown.update(`${fileName} ${bar(bytes, size)}`),
    });
    shown.stop();
    const asked = options.format?.toLowerCase();
    for (const file of saved.filter((f) => asked && f.format.toLowerCase() !== asked)) {
      ctx.note(`output ${file.outputId} does not offer ${options.format}: saved as ${file.format}`);
    }
    if (options.json) ctx.printJson(saved);
    else if (saved.length === 0) ctx.note(`job ${jobId} has no outputs`);
    else
      for (const file of saved)
        (options.toStderr ? ctx.note : ctx.print).call(ctx, `${file.path} (${fileSize(file.bytes)}, ${file.format})`);
    return saved;
  } finally {
    shown.stop();
  }
}

export function registerOutput(program: Command): void {
  program
    .command("output")
    .description("download a finished job's outputs (all, or one) into a folder, or one output to stdout with --out -")
    .argument("<job>", "the job id", nonEmpty)
    .argument("[output]", "one output id (default: every output)", nonEmpty)
    .option("--format <format>", "the format to ask for where an output offers it (default: its first)")
    .option("--out <dir>", "the folder to write to, created if needed; - writes one output to stdout", ".")
    .option("--json", "what was written, as JSON")
    .action(
      action(
        async (
          ctx,
          jobId: string,
          outputId: string | undefined,
          flags: { format?: string; out: string; json?: boolean },
        ) => {
          const client = await ctx.client();
          if (flags.out !== "-") {
            await saveOutputs(ctx, client, jobId, flags.out, { ...flags, ...(outputId ? { outputId } : {}) });
            return;
          }
          if (!outputId) throw new CliError("--out - writes one output to stdout: name the output", EXIT.usage);
          refuseUnfinished(await client.getJob(jobId, { includeMessages: false }));
          const file = await client.getJobOutput(jobId, outputId, flags.format ? { format: flags.format } : {});
          await pipeline(Readable.fromWeb(file.body as NodeReadableStream<Uint8Array>), ctx.out);
        },
      ),
    );
}
