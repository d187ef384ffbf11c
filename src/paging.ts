/** Walks every page of GET /v3/jobs: in order, without duplicates, and never forever. */
import { linkedSignal } from "./timing.js";
import type { JobSummary, JobsPage } from "./types.js";

export type FetchPage = (offset: number, limit: number, signal: AbortSignal) => Promise<JobsPage>;

export interface PagingPlan {
  offset: number;
  limit: number;
  concurrency: number;
  signal: AbortSignal | undefined;
  /** The error to throw when the server answers the same page twice (it ignores offset). */
  repeatedPage: (offset: number) => Error;
}

export async function* iteratePages(
  fetchPage: FetchPage,
  plan: PagingPlan,
): AsyncGenerator<JobSummary, void, undefined> {
  const { limit, concurrency } = plan;
  // Our own controller, so that pages fetched ahead stop when the caller stops iterating.
  const stop = new AbortController();
  const signal = linkedSignal(stop, plan.signal);
  // Jobs shift between pages while the queue changes: a job seen on a recent page is skipped. Only the ids of the
  // last few pages are kept (the pages in flight and two more), so a walk of any length holds bounded memory.
  const recent: Set<string>[] = [];
  const window = concurrency + 2;
  let previous: string | undefined;

  function* emit(page: JobsPage, offset: number) {
    const key = page.data.map((job) => job.jobId).join("\n");
    if (page.data.length > 0 && key === previous) throw plan.repeatedPage(offset);
    previous = key;
    const ids = new Set<string>();
    recent.push(ids);
    if (recent.length > window) recent.shift();
    for (const job of page.data) {
      if (recent.some((seen) => seen.has(job.jobId))) continue;
      ids.add(job.jobId);
      yield job;
    }
  }
  // Another page follows only when the server says so and this one was not empty (an empty page ends a walk).
  const more = (page: JobsPage) => page.pagination.hasNextPage && page.data.length > 0;

  try {
    let offset = plan.offset;
    let page = await fetchPage(offset, limit, signal);
    yield* emit(page, offset);

    if (concurrency > 1 && more(page)) {
      // The total is known: fetch up to `concurrency` pages ahead and yield them in order.
      const offsets: number[] = [];
      for (let o = offset + limit; o < page.pagination.totalItems; o += limit) offsets.push(o);
      const ahead: { offset: number; page: Promise<JobsPage> }[] = [];
      const start = (o: number) => {
        const promise = fetchPage(o, limit, signal);
        promise.catch(() => undefined); // awaited in turn below; never an unhandled rejection
        ahead.push({ offset: o, page: promise });
      };
      let next = 0;
      while (next < offsets.length && ahead.length < concurrency) start(offsets[next++]!);
      while (ahead.length > 0) {
        const current = ahead.shift()!;
        page = await current.page;
        if (next < offsets.length) start(offsets[next++]!);
        offset = current.offset;
        yield* emit(page, offset);
        if (page.data.length === 0) break;
      }
    }
    // Sequential walk, and the tail of jobs that arrived while pages were fetched ahead.
    while (more(page)) {
      offset += limit;
      page = await fetchPage(offset, limit, signal);
      yield* emit(page, offset);
    }
  } finally {
    stop.abort();
  }
}
