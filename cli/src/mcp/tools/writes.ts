/**
 * The writes, listed only with --allow-writes: queue a run, cancel jobs. A cancel is confirmed by the person: through
 * the client (elicitation) where it can ask, otherwise by naming exactly the jobs a dry run showed.
 */
import {
  type CancelResult,
  type EnqueueJobRequest,
  JobsApiError,
  type JobsClient,
  type ListJobsQuery,
} from "alteryx-jobs-api";
import { errorText, ToolRefusal } from "../errors.js";
import {
  array,
  type JsonSchema,
  nullable,
  object,
  parameterSchema,
  ref,
  specProperties,
  toolSchema,
} from "../schemas.js";
import { defineTool, type ToolContext } from "../tool.js";

export const runWorkflow = defineTool<EnqueueJobRequest & { workflowId: string }, object>({
  name: "run_workflow",
  title: "Queue a run of a workflow",
  description:
    "Queues a run of a workflow (POST /v3/workflows/{workflowId}/jobs): the server runs it when a worker is " +
    "free. Answers to an analytic app's questions go in questions (each {name, value}, values as strings). " +
    "Each call queues another run: do not repeat it to retry a read. Cost: one request, and the run itself on " +
    "the server. Returns the queued job; follow it with wait_for_job.",
  inputSchema: toolSchema({
    additionalProperties: false,
    required: ["workflowId"],
    properties: {
      workflowId: { ...parameterSchema("enqueueJob", "workflowId"), description: "The workflow's id." },
      ...specProperties("EnqueueJobRequest"),
    },
  }),
  outputSchema: toolSchema(object({ job: ref("Job") })),
  hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  writes: true,
  async run({ workflowId, ...body }, { client, signal }) {
    const job = await client.enqueueJob(workflowId, body, { signal });
    return { structured: { job }, summary: `Queued job ${job.id} (${job.status}) for workflow ${workflowId}.` };
  },
});

type Filter = Pick<ListJobsQuery, "statuses" | "priorities" | "workflowNames" | "users" | "allUsers">;

interface CancelInput {
  jobIds?: string[];
  filter?: Filter;
  dryRun?: boolean;
  maxJobs?: number;
}

interface Target {
  jobId: string;
  status: string;
  workflow: string | null;
  wouldDo: "delete" | "cancel" | "nothing";
}

interface CancelResultEntry {
  jobId: string;
  outcome: CancelResult["outcome"] | "not cancelled";
  message: string;
}

type Confirmation = "not-needed" | "elicitation" | "dry-run-ids" | "declined" | "required";

/** What a cancel does to a job in this state: a queued job is deleted, a started one cancelled. */
const effect = (status: string): Target["wouldDo"] =>
  status === "Queued" ? "delete" : /^(Initializing|Running)$/.test(status) ? "cancel" : "nothing";

async function targetsOf(client: JobsClient, input: CancelInput, signal: AbortSignal): Promise<Target[]> {
  const maxJobs = input.maxJobs ?? 100;
  if (input.jobIds) {
    return Promise.all(
      [...new Set(input.jobIds)].map(async (jobId) => {
        try {
          const job = await client.getJob(jobId, { includeMessages: false, signal });
          return { jobId, status: job.status, workflow: job.appId ?? null, wouldDo: effect(job.status) };
        } catch (error) {
          if (!(error instanceof JobsApiError) || error.kind !== "http") throw error;
          return { jobId, status: `not readable: ${errorText(error)}`, workflow: null, wouldDo: "nothing" as const };
        }
      }),
    );
  }
  const filter = input.filter!;
  const query: ListJobsQuery = { ...filter, ...(filter.users ? { allUsers: true } : {}) };
  const targets: Target[] = [];
  for await (const job of client.iterateJobs(query, { pageSize: maxJobs + 1, signal })) {
    if (targets.length === maxJobs)
      throw new ToolRefusal(
        `more than ${maxJobs} jobs match the filter: nothing was cancelled. Narrow the filter (workflowNames, ` +
          "users, priorities), or raise maxJobs after checking with the person.",
      );
    targets.push({ jobId: job.jobId, status: job.status, workflow: job.workflowName, wouldDo: effect(job.status) });
  }
  return targets;
}

async function cancelEach(client: JobsClient, targets: Target[], signal: AbortSignal): Promise<CancelResultEntry[]> {
  const results: CancelResultEntry[] = [];
  for (const target of targets.filter((t) => t.wouldDo !== "nothing")) {
    try {
      const { outcome, message } = await client.cancelJob(target.jobId, { signal });
      results.push({ jobId: target.jobId, outcome, message });
    } catch (error) {
      if (!(error instanceof JobsApiError)) throw error;
      results.push({ jobId: target.jobId, outcome: "not cancelled", message: errorText(error) });
      if (error.status === 401 || error.status === 403) break; // the next ones would be refused the same way
    }
  }
  return results;
}

const listing = (targets: Target[]) =>
  targets.map((t) => `- ${t.jobId} ${t.status}${t.workflow ? ` (${t.workflow})` : ""}: would ${t.wouldDo}`).join("\n");

const filterSchema: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "Pick the jobs by filter, as list_jobs does (a dry run shows which).",
  properties: {
    statuses: { ...parameterSchema("listJobs", "statuses"), description: "Usually [Queued] or [Running]." },
    priorities: parameterSchema("listJobs", "priorities"),
    workflowNames: parameterSchema("listJobs", "workflowNames"),
    users: parameterSchema("listJobs", "users"),
    allUsers: { type: "boolean", description: "Jobs of every user, not only the key's own." },
  },
};

function cancelOutcome(targets: Target[], confirmation: Confirmation, dryRun: boolean, results: CancelResultEntry[]) {
  const done = results.filter((r) => r.outcome !== "not cancelled").length;
  return { dryRun, confirmation, targets, results, cancelled: done };
}

export const cancelJobs = defineTool<CancelInput, object>({
  name: "cancel_jobs",
  title: "Cancel jobs",
  description:
    "Cancels running jobs and deletes queued ones (DELETE /v3/jobs/{jobId}); finished jobs are left alone. Pick " +
    "the jobs by jobIds or by filter. dryRun defaults to true: it changes nothing and lists what would happen. " +
    "With dryRun=false the person confirms: the client asks them where it can (elicitation); where it cannot, " +
    "only jobIds that a dry run in this session showed are cancelled, so show the person the dry run's list " +
    "and call again with exactly those ids. A cancel by filter without that confirmation cancels nothing. Cost: " +
    "one request per job (plus the list). Returns the targets, each one's result, and how it was confirmed.",
  inputSchema: toolSchema({
    additionalProperties: false,
    properties: {
      jobIds: {
        type: "array",
        minItems: 1,
        maxItems: 500,
        items: parameterSchema("cancelJob", "jobId"),
        description: "The jobs to cancel, by id.",
      },
      filter: filterSchema,
      dryRun: { type: "boolean", default: true, description: "Only show what would happen (default true)." },
      maxJobs: {
        type: "integer",
        minimum: 1,
        maximum: 500,
        default: 100,
        description: "With filter: refuse when more jobs than this match.",
      },
    },
  }),
  outputSchema: toolSchema(
    object({
      dryRun: { type: "boolean" },
      confirmation: {
        type: "string",
        enum: ["not-needed", "elicitation", "dry-run-ids", "declined", "required"],
        description:
          "not-needed: a dry run; elicitation: the person confirmed in the client; dry-run-ids: the ids a dry " +
          "run showed; declined: the person said no (nothing cancelled); required: nothing cancelled, a " +
          "confirmation is needed (see the text).",
      },
      targets: array(
        object({
          jobId: { type: "string" },
          status: { type: "string" },
          workflow: nullable({ type: "string" }),
          wouldDo: { type: "string", enum: ["delete", "cancel", "nothing"] },
        }),
      ),
      results: array(
        object({
          jobId: { type: "string" },
          outcome: { type: "string", enum: ["cancelled", "deleted", "accepted", "not cancelled"] },
          message: { type: "string" },
        }),
      ),
      cancelled: { type: "integer", description: "How many jobs were cancelled or deleted." },
    }),
  ),
  hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  writes: true,
  async run(input, ctx: ToolContext) {
    const { client, signal } = ctx;
    if ((input.jobIds === undefined) === (input.filter === undefined))
      throw new ToolRefusal("give jobIds or filter (one of them): nothing was cancelled");
    const targets = await targetsOf(client, input, signal);
    const actionable = targets.filter((t) => t.wouldDo !== "nothing");
    const show = (confirmation: Confirmation, summary: string) => {
      for (const t of actionable) ctx.shownByDryRun.add(t.jobId);
      return { structured: cancelOutcome(targets, confirmation, input.dryRun !== false, []), summary };
    };
    if (input.dryRun !== false)
      return show(
        "not-needed",
        `Dry run, nothing changed: ${actionable.length} jobs would be cancelled.\n${listing(targets)}`,
      );
    if (actionable.length === 0)
      return { structured: cancelOutcome(targets, "not-needed", false, []), summary: "No job to cancel." };

    let confirmation: Confirmation;
    if (ctx.confirm) {
      const question = `Cancel ${actionable.length} job${actionable.length === 1 ? "" : "s"} on the Alteryx Server?\n${listing(actionable)}`;
      if (!(await ctx.confirm(question)))
        return {
          structured: cancelOutcome(targets, "declined", false, []),
          summary: "Not confirmed: nothing was cancelled.",
        };
      confirmation = "elicitation";
    } else {
      const unseen = actionable.filter((t) => !ctx.shownByDryRun.has(t.jobId));
      if (input.filter || unseen.length > 0)
        return show(
          "required",
          "Nothing was cancelled: this client cannot ask the person to confirm. Show the person these jobs; if " +
            "they agree, call cancel_jobs again with jobIds set to exactly these ids and dryRun false.\n" +
            listing(actionable),
        );
      confirmation = "dry-run-ids";
    }
    const results = await cancelEach(client, actionable, signal);
    for (const t of actionable) ctx.shownByDryRun.delete(t.jobId);
    const outcome = cancelOutcome(targets, confirmation, false, results);
    return {
      structured: outcome,
      summary:
        `${outcome.cancelled} of ${actionable.length} jobs cancelled or deleted.\n` +
        results
          .map((r) => `- ${r.jobId}: ${r.outcome}${r.outcome === "not cancelled" ? ` (${r.message})` : ""}`)
          .join("\n"),
    };
  },
});
