/** `alteryx-jobs get JOB` and `alteryx-jobs messages JOB`. */
import type { Command } from "commander";
import type { Job, JobMessage } from "alteryx-jobs-api";
import { action, type Context } from "../context.js";
import { paintKind, paintState, relativeTime } from "../format.js";
import { renderTable } from "../table.js";
import { nonEmpty } from "../values.js";

const SEVERITY: Record<number, number> = { 3: 0, 2: 1 };

/** Errors first, then warnings, then the rest, each group in the server's order. */
export function bySeverity(messages: readonly JobMessage[]): JobMessage[] {
  return messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => (SEVERITY[a.message.status] ?? 2) - (SEVERITY[b.message.status] ?? 2) || a.index - b.index)
    .map((m) => m.message);
}

function messagesTable(ctx: Context, messages: readonly JobMessage[]): string {
  if (messages.length === 0) return "No messages.";
  return renderTable(
    messages,
    [
      { header: "KIND", value: (m) => paintKind(m.status, ctx.colors) },
      { header: "TOOL", value: (m) => String(m.toolId), align: "right" },
      { header: "MESSAGE", value: (m) => m.text, flexible: true },
    ],
    ctx.width,
    ctx.colors.bold,
  );
}

export function describeJob(ctx: Context, job: Job): string {
  const c = ctx.colors;
  const fields: [string, string][] = [
    ["Job", job.id],
    ["Workflow", job.appId ?? "-"],
    ["Status", paintState(job.status, c)],
    ["Disposition", paintState(job.disposition, c)],
    ["Priority", job.priority ?? "-"],
    ["Worker tag", job.workerTag || "-"],
    ["Created", job.createDateTime ? `${job.createDateTime} (${relativeTime(job.createDateTime)})` : "-"],
  ];
  const lines = fields.map(([name, value]) => `${c.bold(name.padEnd(12))}${value}`);
  const errors = (job.messages ?? []).filter((m) => m.status === 3).length;
  const warnings = (job.messages ?? []).filter((m) => m.status === 2).length;
  lines.push("", c.bold(`Outputs (${job.outputs?.length ?? 0})`));
  if (job.outputs?.length) {
    lines.push(
      renderTable(
        job.outputs,
        [
          { header: "OUTPUT", value: (o) => o.id },
          { header: "FILE", value: (o) => o.fileName ?? "-", flexible: true },
          { header: "FORMATS", value: (o) => (o.availableFormats ?? []).join(", ") },
        ],
        ctx.width,
        c.dim,
      ),
    );
  }
  lines.push("", c.bold(`Messages (${job.messages?.length ?? 0}: ${errors} errors, ${warnings} warnings)`));
  lines.push(messagesTable(ctx, bySeverity(job.messages ?? [])));
  return lines.join("\n");
}

export function registerGet(program: Command): void {
  program
    .command("get")
    .description("one job, with its outputs and messages (errors and warnings first)")
    .argument("<job>", "the job id", nonEmpty)
    .option("--json", "the job as the client returns it")
    .action(
      action(async (ctx, jobId: string, flags: { json?: boolean }) => {
        const job = await (await ctx.client()).getJob(jobId);
        if (flags.json) return ctx.printJson(job);
        ctx.print(describeJob(ctx, job));
      }),
    );
}

export function registerMessages(program: Command): void {
  program
    .command("messages")
    .description("the messages of a job, in the server's order (Curators only)")
    .argument("<job>", "the job id", nonEmpty)
    .option("--json", "the messages as the client returns them (always an array)")
    .action(
      action(async (ctx, jobId: string, flags: { json?: boolean }) => {
        const messages = await (await ctx.client()).getJobMessages(jobId);
        if (flags.json) return ctx.printJson(messages);
        ctx.print(messagesTable(ctx, messages));
      }),
    );
}
