/** The read tools over single calls: list the queue, read a job and its messages, a workflow's jobs. */
import { isFinished, type JobMessage, type JobSummary, type ListJobsQuery } from "alteryx-jobs-api";
import { bySeverity } from "../../commands/get.js";
import { array, type JsonSchema, nullable, object, parameterSchema, ref, toolSchema } from "../schemas.js";
import { defineTool, READ_ONLY } from "../tool.js";

const described = (schema: JsonSchema, description: string): JsonSchema => ({ ...schema, description });
const jobId = described(parameterSchema("getJob", "jobId"), "The job's id (jobId in list_jobs, id elsewhere).");
const integer = (minimum: number, maximum: number, description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: "integer",
  minimum,
  maximum,
  description,
  ...extra,
});

export const ERROR = 3;
export const WARNING = 2;
export const errorsOf = (messages: readonly JobMessage[] = []) => messages.filter((m) => m.status === ERROR);
export const warningsOf = (messages: readonly JobMessage[] = []) => messages.filter((m) => m.status === WARNING);

interface ListJobsInput extends Omit<ListJobsQuery, "completedAfter" | "completedBefore"> {
  completedAfter?: string;
  completedBefore?: string;
  walk?: boolean;
  maxJobs?: number;
}

interface ListJobsOutput {
  jobs: JobSummary[];
  returned: number;
  truncated: boolean;
  nextOffset: number | null;
  pagination?: unknown;
}

const filterProperties: Record<string, JsonSchema> = {
  statuses: described(
    parameterSchema("listJobs", "statuses"),
    "Only jobs in these states. The filter says Complete; jobs then show Completed. A failed run is Completed too " +
      "(its disposition, from get_job, says Error); queue_summary lists recent failures.",
  ),
  priorities: described(parameterSchema("listJobs", "priorities"), "Only jobs with these priorities."),
  workflowNames: described(parameterSchema("listJobs", "workflowNames"), "Only jobs of workflows with these names."),
  users: described(parameterSchema("listJobs", "users"), "Only jobs of these user ids (implies allUsers)."),
  allUsers: { type: "boolean", description: "Jobs of every user, not only the key's own. Default false." },
  completedAfter: described(parameterSchema("listJobs", "completedAfter"), "Completed on or after this UTC day."),
  completedBefore: described(parameterSchema("listJobs", "completedBefore"), "Completed before this UTC day."),
};

export const listJobs = defineTool<ListJobsInput, ListJobsOutput>({
  name: "list_jobs",
  title: "List the job queue",
  description:
    "Lists jobs of the Alteryx Server queue (GET /v3/jobs), filtered and sorted: who queued what, and its state. " +
    "Use it to find jobs; use get_job for one job's result and errors. Cost: one request for one page (limit, " +
    "offset); with walk=true, one request per page until maxJobs jobs (at most 5,000). Returns the jobs " +
    "(jobId, status, workflowName, workflowId, submittedBy, queueTime, startTime, executionTime, priority), " +
    "whether more remain (truncated, nextOffset) and, for one page, the server's pagination. Needs a Curator's key.",
  inputSchema: toolSchema({
    additionalProperties: false,
    properties: {
      ...filterProperties,
      sortField: described(parameterSchema("listJobs", "sortField"), "Sort by this field."),
      direction: described(parameterSchema("listJobs", "direction"), "Sort direction; default asc."),
      limit: integer(1, 1000, "Jobs per page (default 50).", { default: 50 }),
      offset: integer(0, 2_147_483_647, "Jobs to skip (default 0).", { default: 0 }),
      walk: { type: "boolean", default: false, description: "Follow the pages until maxJobs jobs." },
      maxJobs: integer(1, 5000, "With walk: stop after this many jobs (default 500).", { default: 500 }),
    },
  }),
  outputSchema: toolSchema({
    ...object(
      {
        jobs: array(ref("JobSummary")),
        returned: { type: "integer", description: "How many jobs are in `jobs`." },
        truncated: { type: "boolean", description: "Whether more jobs match than were returned." },
        nextOffset: nullable({ type: "integer", description: "The offset that continues the list." }),
        pagination: ref("PaginationInfo"),
      },
      ["pagination"],
    ),
  }),
  hints: READ_ONLY,
  writes: false,
  async run(input, { client, signal, progress }) {
    const { walk, maxJobs = 500, limit = 50, offset = 0, ...filters } = input;
    const query: ListJobsQuery = { ...filters, limit, offset };
    if (query.users) query.allUsers = true; // the server applies users only with allUsers=true (see the spec)
    if (!walk) {
      const page = await client.listJobs(query, { signal });
      const more = page.pagination.hasNextPage;
      return {
        structured: {
          jobs: page.data,
          returned: page.data.length,
          truncated: more,
          nextOffset: more ? offset + page.data.length : null,
          pagination: page.pagination,
        },
        summary: `${page.data.length} of ${page.pagination.totalItems} jobs (page ${page.pagination.currentPage} of ${page.pagination.totalPages}).`,
      };
    }
    // One job more than asked tells whether the walk stopped early.
    const jobs: JobSummary[] = [];
    for await (const job of client.iterateJobs(query, { pageSize: Math.min(limit, maxJobs + 1), signal })) {
      jobs.push(job);
      if (jobs.length % limit === 0) await progress(jobs.length, `${jobs.length} jobs listed`, maxJobs);
      if (jobs.length > maxJobs) break;
    }
    const truncated = jobs.length > maxJobs;
    if (truncated) jobs.pop();
    return {
      structured: { jobs, returned: jobs.length, truncated, nextOffset: truncated ? offset + jobs.length : null },
      summary: `${jobs.length} jobs${truncated ? ` (stopped at maxJobs; more remain from offset ${offset + jobs.length})` : ""}.`,
    };
  },
});

export const getJob = defineTool<{ jobId: string; includeMessages?: boolean }, object>({
  name: "get_job",
  title: "Read one job",
  description:
    "Reads one job (GET /v3/jobs/{jobId}): its status, disposition (how it ended: Success, Warning, Error, " +
    "Cancelled), priority, worker tag, outputs and messages. Errors and warnings come first, on their own, so " +
    "the reason a run failed is the first thing in the answer. Cost: one request. Returns errors, warnings, " +
    "finished (whether the job has ended) and the job (its messages ordered errors, warnings, then the rest). " +
    "Works with an Artisan's key for the key's own jobs.",
  inputSchema: toolSchema({
    additionalProperties: false,
    required: ["jobId"],
    properties: {
      jobId,
      includeMessages: { type: "boolean", default: true, description: "Read the messages too (default true)." },
    },
  }),
  outputSchema: toolSchema(
    object({
      errors: array(ref("JobMessage"), "The job's error messages, in the server's order."),
      warnings: array(ref("JobMessage"), "The job's warning messages, in the server's order."),
      finished: { type: "boolean", description: "Whether the job has ended (Completed or Cancelled, or failed)." },
      job: ref("Job"),
    }),
  ),
  hints: READ_ONLY,
  writes: false,
  async run({ jobId, includeMessages = true }, { client, signal }) {
    const job = await client.getJob(jobId, { includeMessages, signal });
    const messages = job.messages ?? [];
    const errors = errorsOf(messages);
    const warnings = warningsOf(messages);
    const ordered = job.messages ? { ...job, messages: bySeverity(job.messages) } : job;
    const ended = job.disposition ? ` (${job.disposition})` : "";
    return {
      structured: { errors, warnings, finished: isFinished(job), job: ordered },
      summary:
        `Job ${job.id}: ${job.status}${ended}; ${errors.length} errors, ${warnings.length} warnings.` +
        (errors[0] ? `\nFirst error: ${errors[0].text}` : ""),
    };
  },
});

export const getJobMessages = defineTool<{ jobId: string; order?: "severity" | "server" }, object>({
  name: "get_job_messages",
  title: "Read a job's messages",
  description:
    "Reads every message a job's tools wrote (GET /v3/jobs/{jobId}/messages): the engine's log of the run. " +
    "Use it when get_job's errors and warnings are not enough. Cost: one request; a long run can have thousands " +
    "of messages. Returns the counts and the messages (status 3 error, 2 warning, others informational), errors " +
    "first unless order is server. Needs a Curator's key.",
  inputSchema: toolSchema({
    additionalProperties: false,
    required: ["jobId"],
    properties: {
      jobId,
      order: {
        type: "string",
        enum: ["severity", "server"],
        default: "severity",
        description: "severity: errors, warnings, then the rest; server: as written.",
      },
    },
  }),
  outputSchema: toolSchema(
    object({
      jobId: { type: "string" },
      counts: object({ errors: { type: "integer" }, warnings: { type: "integer" }, total: { type: "integer" } }),
      messages: array(ref("JobMessage")),
    }),
  ),
  hints: READ_ONLY,
  writes: false,
  async run({ jobId, order = "severity" }, { client, signal }) {
    const messages = await client.getJobMessages(jobId, { signal });
    const counts = { errors: errorsOf(messages).length, warnings: warningsOf(messages).length, total: messages.length };
    return {
      structured: { jobId, counts, messages: order === "server" ? messages : bySeverity(messages) },
      summary: `${counts.total} messages of job ${jobId}: ${counts.errors} errors, ${counts.warnings} warnings.`,
    };
  },
});

interface WorkflowJobsInput {
  workflowId: string;
  status?: "Complete" | "Error" | "Running" | "Queued";
  resultCode?: "Success" | "Warning" | "Error";
  sortField?: string;
  direction?: "asc" | "desc";
  limit?: number;
  offset?: number;
}

export const listWorkflowJobs = defineTool<WorkflowJobsInput, object>({
  name: "list_workflow_jobs",
  title: "List a workflow's jobs",
  description:
    "Lists the jobs of one workflow (GET /v3/workflows/{workflowId}/jobs), e.g. its failed runs with " +
    "resultCode=Error. Cost: one request. Returns the jobs (id, status, priority, workerTag, createDate). Works " +
    "with an Artisan's key for workflows the key may run.",
  inputSchema: toolSchema({
    additionalProperties: false,
    required: ["workflowId"],
    properties: {
      workflowId: described(parameterSchema("listWorkflowJobs", "workflowId"), "The workflow's id."),
      status: described(parameterSchema("listWorkflowJobs", "status"), "Only jobs in this state."),
      resultCode: described(parameterSchema("listWorkflowJobs", "resultCode"), "Only jobs with this result."),
      sortField: described(parameterSchema("listWorkflowJobs", "sortField"), "Sort by this field."),
      direction: described(parameterSchema("listWorkflowJobs", "direction"), "Sort direction."),
      limit: integer(1, 1000, "At most this many jobs (default 50).", { default: 50 }),
      offset: integer(0, 2_147_483_647, "Jobs to skip."),
    },
  }),
  outputSchema: toolSchema(object({ workflowId: { type: "string" }, jobs: array(ref("WorkflowJob")) })),
  hints: READ_ONLY,
  writes: false,
  async run({ workflowId, limit = 50, ...query }, { client, signal }) {
    const jobs = await client.listWorkflowJobs(workflowId, { ...query, limit }, { signal });
    return { structured: { workflowId, jobs }, summary: `${jobs.length} jobs of workflow ${workflowId}.` };
  },
});
