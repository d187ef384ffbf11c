/** `alteryx-jobs workflow-jobs WORKFLOW`: a workflow's jobs, filtered by state and result. */
import { type Command, Option } from "commander";
import type { ListWorkflowJobsQuery } from "alteryx-jobs-api";
import { action } from "../context.js";
import { paintState, relativeTime } from "../format.js";
import { renderTable } from "../table.js";
import { integer, nonEmpty, oneOf } from "../values.js";
import { RESULT_CODES, SORT_FIELDS, WORKFLOW_JOB_STATUSES } from "../vocabulary.js";

interface Flags {
  status?: ListWorkflowJobsQuery["status"];
  result?: ListWorkflowJobsQuery["resultCode"];
  sort?: ListWorkflowJobsQuery["sortField"];
  desc?: boolean;
  limit?: number;
  offset?: number;
  json?: boolean;
}

export function registerWorkflowJobs(program: Command): void {
  program
    .command("workflow-jobs")
    .description("the jobs of one workflow")
    .argument("<workflow>", "the workflow id", nonEmpty)
    .addOption(
      new Option("--status <status>", "only jobs in this state")
        .choices(WORKFLOW_JOB_STATUSES)
        .argParser(oneOf(WORKFLOW_JOB_STATUSES)),
    )
    .addOption(
      new Option("--result <result>", "only jobs with this result")
        .choices(RESULT_CODES)
        .argParser(oneOf(RESULT_CODES)),
    )
    .addOption(new Option("--sort <field>", "sort by").choices(SORT_FIELDS).argParser(oneOf(SORT_FIELDS)))
    .option("--desc", "sort descending")
    .addOption(new Option("--limit <n>", "at most this many jobs").argParser(integer(1)))
    .addOption(new Option("--offset <n>", "jobs to skip").argParser(integer(0, 2_147_483_647)))
    .option("--json", "the jobs as the client returns them")
    .action(
      action(async (ctx, workflowId: string, flags: Flags) => {
        const query: ListWorkflowJobsQuery = {
          ...(flags.status ? { status: flags.status } : {}),
          ...(flags.result ? { resultCode: flags.result } : {}),
          ...(flags.sort ? { sortField: flags.sort } : {}),
          ...(flags.desc ? { direction: "desc" as const } : {}),
          ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
          ...(flags.offset !== undefined ? { offset: flags.offset } : {}),
        };
        const jobs = await (await ctx.client()).listWorkflowJobs(workflowId, query);
        if (flags.json) return ctx.printJson(jobs);
        const c = ctx.colors;
        ctx.print(
          jobs.length === 0
            ? "No jobs."
            : renderTable(
                jobs,
                [
                  { header: "JOB", value: (j) => j.id },
                  { header: "STATUS", value: (j) => paintState(j.status, c) },
                  { header: "PRIORITY", value: (j) => j.priority ?? "-" },
                  { header: "WORKER TAG", value: (j) => j.workerTag || "-", flexible: true },
                  { header: "CREATED", value: (j) => relativeTime(j.createDate) },
                ],
                ctx.width,
                c.bold,
              ),
        );
      }),
    );
}
