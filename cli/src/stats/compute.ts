/** The figures of `alteryx-jobs stats`, computed from the listed jobs and their dispositions. */
import { type JobSummary, jobState } from "alteryx-jobs-api";
import { parseTime, parseTimeSpan } from "../format.js";

/** One run of the window: what the list says, plus the disposition read from the job. */
export interface Run {
  job: JobSummary;
  disposition: string;
}

export interface Spread {
  median: number | null;
  p95: number | null;
}

export interface WorkflowStats {
  workflowId: string;
  workflowName: string;
  runs: number;
  byDisposition: Record<string, number>;
  failures: number;
  failureRate: number | null;
  runTimeMs: Spread;
  queueWaitMs: Spread;
}

export interface DayStats {
  day: string;
  runs: number;
  byDisposition: Record<string, number>;
  runTimeMs: Spread;
  queueWaitMs: Spread;
}

export interface Stats {
  window: { since: string; until: string };
  runs: number;
  byStatus: Record<string, number>;
  byDisposition: Record<string, number>;
  /** Runs that ended in Error, of the runs that completed (cancelled runs left out); null without any. */
  failureRate: number | null;
  failures: number;
  completed: number;
  queueWaitMs: Spread;
  runTimeMs: Spread;
  /** Every workflow of the window, slowest (by median run time) first. */
  workflows: WorkflowStats[];
  /** Each UTC day of the window, oldest first. */
  days: DayStats[];
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function spread(values: number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

const count = (keys: string[]) => {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
};

export const queueWait = (job: JobSummary) => {
  const queued = parseTime(job.queueTime);
  const started = parseTime(job.startTime);
  return queued !== undefined && started !== undefined ? started - queued : Number.NaN;
};
export const runTime = (job: JobSummary) => parseTimeSpan(job.executionTime) ?? Number.NaN;
/** When the run ended: its start plus its run time. */
export const endedAt = (job: JobSummary) => (parseTime(job.startTime) ?? Number.NaN) + runTime(job);

const isFailure = (r: Run) => jobState(r.disposition) === "failed";
const isCompleted = (r: Run) => jobState(r.job.status) === "completed";

function group(runs: readonly Run[]) {
  const completed = runs.filter(isCompleted);
  const failures = completed.filter(isFailure).length;
  return {
    runs: runs.length,
    byDisposition: count(runs.map((r) => r.disposition)),
    failures,
    completed: completed.length,
    failureRate: completed.length ? failures / completed.length : null,
    runTimeMs: spread(runs.map((r) => runTime(r.job))),
    queueWaitMs: spread(runs.map((r) => queueWait(r.job))),
  };
}

export function computeStats(runs: readonly Run[], since: Date, until: Date): Stats {
  const all = group(runs);
  const byWorkflow = new Map<string, Run[]>();
  for (const r of runs) byWorkflow.set(r.job.workflowId, [...(byWorkflow.get(r.job.workflowId) ?? []), r]);
  const workflows = [...byWorkflow.values()].map((list) => {
    const { completed: _, ...figures } = group(list);
    return { workflowId: list[0]!.job.workflowId, workflowName: list[0]!.job.workflowName, ...figures };
  });
  workflows.sort((a, b) => (b.runTimeMs.median ?? -1) - (a.runTimeMs.median ?? -1) || b.runs - a.runs);

  const days: DayStats[] = [];
  for (
    let t = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate());
    t < until.getTime();
    t += 86_400_000
  ) {
    const day = new Date(t).toISOString().slice(0, 10);
    const {
      failures: _f,
      completed: _c,
      failureRate: _r,
      ...figures
    } = group(runs.filter((r) => new Date(endedAt(r.job) || 0).toISOString().slice(0, 10) === day));
    days.push({ day, ...figures });
  }
  return {
    window: { since: since.toISOString(), until: until.toISOString() },
    runs: all.runs,
    byStatus: count(runs.map((r) => r.job.status)),
    byDisposition: all.byDisposition,
    failureRate: all.failureRate,
    failures: all.failures,
    completed: all.completed,
    queueWaitMs: all.queueWaitMs,
    runTimeMs: all.runTimeMs,
    workflows,
    days,
  };
}
