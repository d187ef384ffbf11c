/** Turns stored jobs into the response shapes of the spec (typed from generated/schema.d.ts). */
import type { components } from "alteryx-jobs-api/schema";
import { jobDetails } from "./details.js";
import {
  DISPOSITION,
  DISPOSITION_NAMES,
  type DispositionCode,
  STATUS,
  STATUS_NAMES,
  priorityLabel,
  priorityName,
} from "./vocabulary.js";
import type { SimContext } from "./context.js";

export type JobSummary = components["schemas"]["JobSummary"];
export type Job = components["schemas"]["Job"];
export type WorkflowJob = components["schemas"]["WorkflowJob"];
export type JobMessage = components["schemas"]["JobMessage"];

/** ISO 8601 in UTC, without milliseconds when they are zero; null for NaN. */
export function isoTime(ms: number): string | null {
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** A duration as hh:mm:ss, with a day count in front from 24 hours on (.NET's TimeSpan: d.hh:mm:ss). */
export function hhmmss(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  const days = Math.floor(total / 86_400);
  const time = `${pad(Math.floor(total / 3600) % 24)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
  return days > 0 ? `${days}.${time}` : time;
}

/** .NET's DateTime.MinValue, as some servers show a time that has not happened yet. */
const ZERO_DATE = "0001-01-01T00:00:00";

export function jobSummary(ctx: SimContext, i: number, now: number): JobSummary {
  const { jobs, workflows, users } = ctx.data;
  const workflow = workflows[jobs.workflow[i] ?? 0];
  const start = jobs.startAt(i, now);
  const end = jobs.endAt(i, now);
  const summary: JobSummary = {
    jobId: jobs.id(i),
    status: STATUS_NAMES[jobs.statusAt(i, now)],
    workflowName: workflow?.name ?? "",
    workflowId: workflow?.id ?? "",
    submittedBy: users[jobs.user[i] ?? 0]?.name ?? null,
    startTime: isoTime(start),
    queueTime: isoTime(jobs.queueMs[i] ?? Number.NaN),
    executionTime: Number.isNaN(end) ? null : hhmmss(end - start),
    priority: priorityLabel(jobs.priority[i] ?? 0),
  };
  if (Number.isNaN(start) && ctx.quirks.unstartedTimes === "absent") delete summary.startTime;
  if (Number.isNaN(end) && ctx.quirks.executionTime === "absent") delete summary.executionTime;
  // A quirk that breaks the spec on purpose, so the type says otherwise.
  if (Number.isNaN(start) && ctx.quirks.unstartedTimes === "zero-date") {
    (summary as { startTime: string }).startTime = ZERO_DATE;
  }
  return summary;
}

/** A disposition as the API shows it; with the quirk dispositions=other a failed run says `Failed`. */
function dispositionName(ctx: SimContext, code: DispositionCode): string {
  return code === DISPOSITION.Error && ctx.quirks.dispositions === "other" ? "Failed" : DISPOSITION_NAMES[code];
}

export function jobView(ctx: SimContext, i: number, now: number, includeMessages: boolean): Job {
  const { jobs, workflows, seed } = ctx.data;
  const details = jobDetails(seed, jobs, workflows, i, now);
  const workflow = workflows[jobs.workflow[i] ?? 0];
  const job: Job = {
    id: jobs.id(i),
    appId: workflow?.id ?? "",
    createDateTime: isoTime(jobs.queueMs[i] ?? Number.NaN),
    status: STATUS_NAMES[jobs.statusAt(i, now)],
    disposition: dispositionName(ctx, jobs.dispositionAt(i, now)),
    outputs: details.outputs,
    messages: details.messages,
    priority: priorityName(jobs.priority[i] ?? 0),
    workerTag: jobs.workerTag(i),
    runWithE2: workflow?.runWithE2 ?? false,
  };
  if (!includeMessages) delete job.messages;
  return job;
}

/** A job's messages: all of them, or (quirk messages=object) only the last, as one object. */
export function jobMessages(ctx: SimContext, i: number, now: number): JobMessage[] | JobMessage {
  const { jobs, workflows, seed } = ctx.data;
  const { messages } = jobDetails(seed, jobs, workflows, i, now);
  const last = messages.at(-1);
  return ctx.quirks.messages === "object" && last ? last : messages;
}

/** A workflow's job. Its list knows no Initializing: such a job shows as Running. */
export function workflowJob(ctx: SimContext, i: number, now: number): WorkflowJob {
  const { jobs, workflows } = ctx.data;
  const status = jobs.statusAt(i, now);
  return {
    id: jobs.id(i),
    createDate: isoTime(jobs.queueMs[i] ?? Number.NaN),
    status: STATUS_NAMES[status === STATUS.Initializing ? STATUS.Running : status],
    priority: priorityLabel(jobs.priority[i] ?? 0),
    workerTag: jobs.workerTag(i),
    runWithE2: workflows[jobs.workflow[i] ?? 0]?.runWithE2 ?? false,
  };
}
