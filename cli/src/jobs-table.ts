/** The columns jobs are shown with, shared by list, cancel and watch. */
import { type JobSummary, jobState } from "alteryx-jobs-api";
import { humanDuration, paintState, parseTime, parseTimeSpan, relativeTime } from "./format.js";
import type { Column } from "./table.js";
import type { Colors } from "./terminal.js";

/** How long a job ran (finished) or has been running (running), or "-". */
export function runTime(job: JobSummary, now: number): number | undefined {
  const ran = parseTimeSpan(job.executionTime);
  if (ran !== undefined) return ran;
  const started = parseTime(job.startTime);
  return started !== undefined && jobState(job.status) === "running" ? now - started : undefined;
}

export function jobColumns(c: Colors, now = Date.now()): Column<JobSummary>[] {
  return [
    { header: "JOB", value: (j) => j.jobId },
    { header: "STATUS", value: (j) => paintState(j.status, c) },
    { header: "WORKFLOW", value: (j) => j.workflowName, flexible: true },
    { header: "USER", value: (j) => j.submittedBy ?? "-", flexible: true },
    { header: "PRIORITY", value: (j) => j.priority },
    { header: "QUEUED", value: (j) => relativeTime(j.queueTime, now) },
    { header: "RUN TIME", value: (j) => humanDuration(runTime(j, now) ?? Number.NaN), align: "right" },
  ];
}

/** CSV and NDJSON carry every field of the list, in the spec's order. */
export const JOB_FIELDS = [
  "jobId",
  "status",
  "workflowName",
  "workflowId",
  "submittedBy",
  "queueTime",
  "startTime",
  "executionTime",
  "priority",
] as const;
