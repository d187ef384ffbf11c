/** queue_summary: the queue now (counts, oldest waiting and running) and the runs of a window (as `stats`). */
import type { JobsClient, JobSummary, ListJobsQuery } from "alteryx-jobs-api";
import { computeStats, endedAt } from "../../stats/compute.js";
import { pointInTime } from "../../values.js";
import { STATUSES } from "../../vocabulary.js";
import { ToolRefusal } from "../errors.js";
import { array, type JsonSchema, nullable, object, ref, toolSchema } from "../schemas.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { collectRuns } from "../window-runs.js";

const FAILED_RUNS_SHOWN = 25;
const WORKFLOWS_SHOWN = 10;

function when(text: string, what: string): Date {
  try {
    return pointInTime(text);
  } catch (error) {
    throw new ToolRefusal(`${what}: ${(error as Error).message}`);
  }
}

/** How many jobs are in a state now: one request for one job, its page's total. */
async function countIn(client: JobsClient, status: (typeof STATUSES)[number], signal: AbortSignal) {
  const page = await client.listJobs({ statuses: [status], allUsers: true, limit: 1 }, { signal });
  return page.pagination.totalItems;
}

async function oldestIn(client: JobsClient, status: ListJobsQuery["statuses"], signal: AbortSignal) {
  const query: ListJobsQuery = {
    statuses: status,
    allUsers: true,
    sortField: "CreateDate",
    direction: "asc",
    limit: 1,
  };
  return (await client.listJobs(query, { signal })).data[0] ?? null;
}

const spread: JsonSchema = object(
  { median: nullable({ type: "number" }), p95: nullable({ type: "number" }) },
  [],
  "Milliseconds: the median and the 95th percentile (nearest rank); null without runs.",
);
const counts = (description: string): JsonSchema => ({
  type: "object",
  additionalProperties: { type: "integer" },
  description,
});

interface FailedRun {
  jobId: string;
  workflowId: string;
  workflowName: string;
  submittedBy: string | null;
  endedAt: string | null;
}

export const queueSummary = defineTool<{ since?: string; until?: string }, object>({
  name: "queue_summary",
  title: "Summarise the queue",
  description:
    "Answers 'is the queue stuck?' and 'what failed overnight?' in one call. Returns: how many jobs are queued, " +
    "initializing, running and complete now (all users); the oldest queued and the oldest running job; and, for " +
    "the runs that completed in the window (since, until), the same figures as `alteryx-jobs stats` (runs, " +
    "failures, failure rate, by status and disposition, queue wait and run time) with the failed runs (newest " +
    `first, up to ${FAILED_RUNS_SHOWN}) and the workflows that failed most. Cost: 6 requests, plus one per page ` +
    "of the window's jobs and one per completed run (to learn how it ended): keep the window short on a busy " +
    "server (default: the last 24h). Needs a Curator's key.",
  inputSchema: toolSchema({
    additionalProperties: false,
    properties: {
      since: {
        type: "string",
        default: "24h",
        description: "Start of the window: yyyy-MM-dd (UTC midnight) or a time ago such as 24h, 7d, 2w, 90m.",
      },
      until: { type: "string", description: "End of the window, the same forms (default: now)." },
    },
  }),
  outputSchema: toolSchema(
    object({
      countsByStatus: counts("Jobs in each state now (the list filter's names), over all users."),
      oldestQueued: nullable(ref("JobSummary")),
      oldestRunning: nullable(ref("JobSummary")),
      window: object({
        since: { type: "string", format: "date-time" },
        until: { type: "string", format: "date-time" },
      }),
      runs: { type: "integer", description: "Runs that ended in the window." },
      completed: { type: "integer", description: "Of those, runs that completed (cancelled ones left out)." },
      failures: { type: "integer", description: "Completed runs whose disposition is Error." },
      failureRate: nullable({ type: "number", description: "failures / completed; null without completed runs." }),
      byStatus: counts("Runs by status."),
      byDisposition: counts("Runs by disposition."),
      queueWaitMs: spread,
      runTimeMs: spread,
      failedRuns: array(
        object({
          jobId: { type: "string" },
          workflowId: { type: "string" },
          workflowName: { type: "string" },
          submittedBy: nullable({ type: "string" }),
          endedAt: nullable({ type: "string", format: "date-time" }),
        }),
        `The failed runs of the window, newest first (at most ${FAILED_RUNS_SHOWN}).`,
      ),
      failingWorkflows: array(
        object({
          workflowId: { type: "string" },
          workflowName: { type: "string" },
          runs: { type: "integer" },
          failures: { type: "integer" },
          failureRate: nullable({ type: "number" }),
        }),
        `Workflows with failures in the window, most failures first (at most ${WORKFLOWS_SHOWN}).`,
      ),
    }),
  ),
  hints: READ_ONLY,
  writes: false,
  async run({ since = "24h", until }, { client, signal, progress }) {
    const start = when(since, "since");
    const end = until ? when(until, "until") : new Date();
    if (end.getTime() <= start.getTime()) throw new ToolRefusal("until must be later than since");
    const [countList, oldestQueued, oldestRunning] = await Promise.all([
      Promise.all(STATUSES.map(async (s) => [s, await countIn(client, s, signal)] as const)),
      oldestIn(client, ["Queued"], signal),
      oldestIn(client, ["Running"], signal),
    ]);
    await progress(0, "reading the window's runs…");
    const runs = await collectRuns(client, start, end, {
      signal,
      onProgress: (done, total, message) => void progress(done, message, total),
    });
    const { workflows, days: _days, window, ...figures } = computeStats(runs, start, end);
    // The failures computeStats counts: completed runs whose disposition is Error (or Failed).
    const failed = runs.filter((r) => /^Completed?$/i.test(r.job.status) && /^(Error|Failed)$/i.test(r.disposition));
    const failedRuns: FailedRun[] = failed
      .map(({ job }: { job: JobSummary }) => {
        const ended = endedAt(job);
        return {
          jobId: job.jobId,
          workflowId: job.workflowId,
          workflowName: job.workflowName,
          submittedBy: job.submittedBy ?? null,
          endedAt: Number.isFinite(ended) ? new Date(ended).toISOString() : null,
        };
      })
      .sort((a, b) => (b.endedAt ?? "").localeCompare(a.endedAt ?? ""))
      .slice(0, FAILED_RUNS_SHOWN);
    const failingWorkflows = workflows
      .filter((w) => w.failures > 0)
      .sort((a, b) => b.failures - a.failures || a.workflowName.localeCompare(b.workflowName))
      .slice(0, WORKFLOWS_SHOWN)
      .map(({ workflowId, workflowName, runs, failures, failureRate }) => ({
        workflowId,
        workflowName,
        runs,
        failures,
        failureRate,
      }));
    const countsByStatus = Object.fromEntries(countList);
    const now = countList.map(([s, n]) => `${n} ${s}`).join(", ");
    return {
      structured: { countsByStatus, oldestQueued, oldestRunning, window, ...figures, failedRuns, failingWorkflows },
      summary:
        `Now: ${now}. ${window.since} to ${window.until}: ${figures.runs} runs, ` +
        `${figures.failures} of ${figures.completed} completed runs failed.`,
    };
  },
});
