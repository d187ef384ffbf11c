/**
 * What can be asked of the job table: one job a user may see, and the two listings (filter, sort, page).
 * Ties are broken by job id in the same direction as the sort, so a descending order is exactly the
 * ascending one reversed and paging is stable. With the default sort (CreateDate) and jobs kept in id
 * order, no sort is needed at all. The routes only turn the slots found here into HTTP answers.
 */
import type { components } from "alteryx-jobs-api/schema";
import type { SimContext } from "./context.js";
import type { ListJobsQuery, Paging, WorkflowJobsQuery } from "./query.js";
import { DISPOSITION, STATUS, prioritySortKey } from "./vocabulary.js";

export interface Page {
  /** The slots on the page, in order. */
  slots: number[];
  totalItems: number;
}

/** A page of the job queue with its pagination block (the spec's PaginationInfo). */
export interface QueuePage extends Page {
  pagination: components["schemas"]["PaginationInfo"];
}

/** Which slots a listing keeps; undefined keeps every job. */
type JobFilter = ((slot: number) => boolean) | undefined;

export function isCurator(ctx: SimContext, user: number): boolean {
  return ctx.data.users[user]?.role === "Curator";
}

/** The slot of a job `user` may see (Curators see every job, others their own), or -1. */
export function findVisibleJob(ctx: SimContext, jobId: string, user: number): number {
  const { jobs } = ctx.data;
  const i = jobs.indexOf(jobId);
  return i < 0 || (!isCurator(ctx, user) && jobs.user[i] !== user) ? -1 : i;
}

/** The slot of a job whatever its owner, or -1. */
export function findJob(ctx: SimContext, jobId: string): number {
  return ctx.data.jobs.indexOf(jobId);
}

/** The slot of a workflow by its id (any case), or -1. */
export function findWorkflow(ctx: SimContext, workflowId: string): number {
  return ctx.workflowById.get(workflowId.toLowerCase()) ?? -1;
}

const DAY_MS = 86_400_000;

function shiftDay(dayStart: number | undefined, toNextDay: boolean): number | undefined {
  return dayStart === undefined || !toNextDay ? dayStart : dayStart + DAY_MS;
}

function queueFilter(ctx: SimContext, q: ListJobsQuery, now: number, caller: number): JobFilter {
  const { jobs, users, workflows } = ctx.data;
  const onlyCaller = q.allUsers === false;
  const userSlots = q.users ? new Set(users.flatMap((u, k) => (q.users?.has(u.id) ? [k] : []))) : undefined;
  const workflowSlots = q.workflowNames
    ? new Set(workflows.flatMap((w, k) => (q.workflowNames?.has(w.name) ? [k] : [])))
    : undefined;
  const { statuses, priorities } = q;
  // Days are UTC starts of day; a server that reads a bound the other way moves it by a day.
  const { completedAfter: afterReading, completedBefore: beforeReading } = ctx.quirks;
  const completedAfter = shiftDay(q.completedAfter, afterReading === "exclusive");
  const completedBefore = shiftDay(q.completedBefore, beforeReading === "inclusive");
  const byDate = completedBefore !== undefined || completedAfter !== undefined;
  if (!statuses && !priorities && !userSlots && !workflowSlots && !byDate && !onlyCaller) return undefined;
  return (i) => {
    if (onlyCaller && jobs.user[i] !== caller) return false;
    if (statuses && !statuses.has(jobs.statusAt(i, now))) return false;
    if (priorities && !priorities.has(jobs.priority[i] ?? -1)) return false;
    if (userSlots && !userSlots.has(jobs.user[i] ?? -1)) return false;
    if (workflowSlots && !workflowSlots.has(jobs.workflow[i] ?? -1)) return false;
    if (byDate) {
      const end = jobs.endAt(i, now);
      if (Number.isNaN(end)) return false;
      if (completedBefore !== undefined && !(end < completedBefore)) return false;
      if (completedAfter !== undefined && !(end >= completedAfter)) return false;
    }
    return true;
  };
}

function workflowFilter(ctx: SimContext, workflow: number, q: WorkflowJobsQuery, now: number): JobFilter {
  const { jobs } = ctx.data;
  return (i) => {
    if (jobs.workflow[i] !== workflow) return false;
    if (q.status !== undefined) {
      const status = jobs.statusAt(i, now);
      switch (q.status) {
        case "Queued":
          if (status !== STATUS.Queued) return false;
          break;
        case "Running":
          if (status !== STATUS.Running && status !== STATUS.Initializing) return false;
          break;
        case "Complete":
          if (status !== STATUS.Completed) return false;
          break;
        case "Error":
          if (status !== STATUS.Completed || jobs.disposition[i] !== DISPOSITION.Error) return false;
          break;
      }
    }
    return q.resultCode === undefined || jobs.dispositionAt(i, now) === q.resultCode;
  };
}

/** The sort key of a slot for a sort field (bigger sorts later when ascending). */
function sortKeyOf(ctx: SimContext, field: Paging["sortField"], now: number): (slot: number) => number {
  const { jobs } = ctx.data;
  switch (field) {
    case "CreateDate":
      return (i) => jobs.queueMs[i] ?? 0;
    case "AppName":
      return (i) => ctx.workflowNameRank[jobs.workflow[i] ?? 0] ?? 0;
    case "CompletionDateTime":
      // Jobs that have not finished have no completion time: they come first when ascending.
      return (i) => {
        const end = jobs.endAt(i, now);
        return Number.isNaN(end) ? -1 : end;
      };
    case "Priority":
      return (i) => prioritySortKey(jobs.priority[i] ?? 0);
    case "Status":
      return (i) => jobs.statusAt(i, now);
  }
}

function selectPage(ctx: SimContext, filter: JobFilter, paging: Paging, now: number): Page {
  const { jobs } = ctx.data;
  const sign = paging.direction === "asc" ? 1 : -1;
  const inOrder = paging.sortField === "CreateDate" && jobs.inIdOrder;
  if (inOrder && !filter && jobs.deletedCount === 0) {
    // Every job, in slot order: the page is a range of slots, found without looking at the others.
    const from = Math.min(paging.offset, jobs.length);
    const to = Math.min(paging.offset + paging.limit, jobs.length);
    const slots: number[] = [];
    for (let k = from; k < to; k++) slots.push(sign === 1 ? k : jobs.length - 1 - k);
    return { slots, totalItems: jobs.length };
  }
  const matches: number[] = [];
  for (let i = 0; i < jobs.length; i++) if (!jobs.isDeleted(i) && (!filter || filter(i))) matches.push(i);
  const totalItems = matches.length;
  const from = Math.min(paging.offset, totalItems);
  const to = Math.min(paging.offset + paging.limit, totalItems);

  if (inOrder) {
    // Slots are already in (queue time, id) order.
    const slots: number[] = [];
    for (let k = from; k < to; k++) slots.push(matches[sign === 1 ? k : totalItems - 1 - k] ?? 0);
    return { slots, totalItems };
  }

  const keyOf = sortKeyOf(ctx, paging.sortField, now);
  const keys = new Float64Array(jobs.length);
  for (const i of matches) keys[i] = keyOf(i);
  matches.sort((a, b) => sign * ((keys[a] ?? 0) - (keys[b] ?? 0) || jobs.compareIds(a, b)));
  return { slots: matches.slice(from, to), totalItems };
}

/** A page of the whole queue (GET /v3/jobs), as `caller` (a user's slot) asks for it. */
export function listQueue(ctx: SimContext, q: ListJobsQuery, now: number, caller: number): QueuePage {
  const page = selectPage(ctx, queueFilter(ctx, q, now, caller), q, now);
  return {
    ...page,
    pagination: {
      currentPage: Math.floor(q.offset / q.limit) + 1,
      pageSize: q.limit,
      totalItems: page.totalItems,
      totalPages: Math.ceil(page.totalItems / q.limit),
      hasNextPage: q.offset + q.limit < page.totalItems,
      hasPreviousPage: q.offset > 0,
    },
  };
}

/** A page of one workflow's jobs (GET /v3/workflows/{workflowId}/jobs). */
export function listWorkflowJobs(ctx: SimContext, workflow: number, q: WorkflowJobsQuery, now: number): Page {
  return selectPage(ctx, workflowFilter(ctx, workflow, q, now), q, now);
}
