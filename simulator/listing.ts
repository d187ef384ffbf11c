/**
 * Selecting, sorting and paging jobs for the two list endpoints. Ties are broken by job id in the
 * same direction as the sort, so a descending order is exactly the ascending one reversed and paging
 * is stable. With the default sort (CreateDate) and jobs kept in id order, no sort is needed at all.
 */
import { prioritySortKey } from "./model.js";
import type { Paging } from "./query.js";
import type { SimState } from "./state.js";

export interface Page {
  /** The slots on the page, in order. */
  slots: number[];
  totalItems: number;
}

/** Which slots a listing keeps; undefined keeps every job. */
export type JobFilter = ((slot: number) => boolean) | undefined;

/** The sort key of a slot for a sort field (bigger sorts later when ascending). */
function sortKeyOf(state: SimState, field: Paging["sortField"], now: number): (slot: number) => number {
  const { jobs } = state.data;
  switch (field) {
    case "CreateDate":
      return (i) => jobs.queueMs[i] ?? 0;
    case "AppName":
      return (i) => state.workflowNameRank[jobs.workflow[i] ?? 0] ?? 0;
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

export function selectPage(state: SimState, filter: JobFilter, paging: Paging, now: number): Page {
  const { jobs } = state.data;
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

  const keyOf = sortKeyOf(state, paging.sortField, now);
  const keys = new Float64Array(jobs.length);
  for (const i of matches) keys[i] = keyOf(i);
  matches.sort((a, b) => sign * ((keys[a] ?? 0) - (keys[b] ?? 0) || jobs.compareIds(a, b)));
  return { slots: matches.slice(from, to), totalItems };
}

