/** `alteryx-jobs list`: one page, or every page, of GET /v3/jobs. */
import { type Command, Option } from "commander";
import type { JobSummary } from "alteryx-jobs-api";
import { action, type Context } from "../context.js";
import { csvLine } from "../csv.js";
import { JOB_FIELDS, jobColumns } from "../jobs-table.js";
import { progress } from "../progress.js";
import { renderTable } from "../table.js";
import { write } from "../terminal.js";
import { integer } from "../values.js";
import { addFilterOptions, addPagingOptions, type FilterFlags, queryOf } from "./filters.js";

interface ListFlags extends FilterFlags {
  sort?: string;
  desc?: boolean;
  limit?: number;
  offset?: number;
  all?: boolean;
  concurrency: number;
  json?: boolean;
  ndjson?: boolean;
  csv?: boolean;
}

export function registerList(program: Command): void {
  const command = program.command("list").description("list the job queue (one page, or --all pages); Curators only");
  addFilterOptions(command);
  addPagingOptions(command);
  command
    .option("--all", "every page (--limit is then the page size)")
    .addOption(new Option("--concurrency <n>", "pages fetched at once with --all").default(4).argParser(integer(1, 16)))
    .addOption(
      new Option("--json", "the client's objects as JSON (a page; with --all, an array of jobs)").conflicts([
        "ndjson",
        "csv",
      ]),
    )
    .addOption(new Option("--ndjson", "one job per line as JSON, streamed (with --all, every page)").conflicts(["csv"]))
    .option("--csv", "CSV with a header line")
    .action(action(list));
}

async function list(ctx: Context, flags: ListFlags): Promise<void> {
  const query = queryOf(flags);
  const client = await ctx.client();
  if (!flags.all) {
    if (flags.ndjson) {
      const page = await client.listJobs(query);
      for (const job of page.data) await write(ctx.out, `${JSON.stringify(job)}\n`);
      return;
    }
    const page = await client.listJobs(query);
    if (flags.json) return ctx.printJson(page);
    if (flags.csv) return writeCsv(ctx, page.data);
    const { currentPage, totalPages, totalItems } = page.pagination;
    if (totalItems === 0) return ctx.print("No jobs.");
    if (page.data.length === 0) {
      return ctx.print(`No jobs at --offset ${query.offset ?? 0}: there are ${totalItems} jobs, from --offset 0.`);
    }
    ctx.print(renderTable(page.data, jobColumns(ctx.colors), ctx.width, ctx.colors.bold));
    const next = page.pagination.hasNextPage ? `; next page: --offset ${(query.offset ?? 0) + page.data.length}` : "";
    ctx.print(ctx.colors.dim(`page ${currentPage} of ${totalPages}, ${totalItems} jobs${next}`));
    return;
  }

  // Every page, streamed: memory stays flat however long the queue is (except for the table, which needs widths).
  const counter = await progress(ctx, "listing jobs…");
  const pageSize = query.limit ?? 500;
  const jobs = client.iterateJobs(query, { pageSize, concurrency: flags.concurrency });
  let count = 0;
  const tick = () => {
    if (++count % pageSize !== 0) return;
    counter.update(`listing jobs… page ${count / pageSize} · ${count.toLocaleString("en-US")} jobs`);
  };
  try {
    if (flags.ndjson) {
      for await (const job of jobs) {
        await write(ctx.out, `${JSON.stringify(job)}\n`);
        tick();
      }
    } else if (flags.json) {
      let first = true;
      await write(ctx.out, "[");
      for await (const job of jobs) {
        await write(ctx.out, `${first ? "\n" : ",\n"}${JSON.stringify(job)}`);
        first = false;
        tick();
      }
      await write(ctx.out, first ? "]\n" : "\n]\n");
    } else if (flags.csv) {
      await write(ctx.out, csvLine(JOB_FIELDS));
      for await (const job of jobs) {
        await write(ctx.out, csvLine(JOB_FIELDS.map((f) => job[f])));
        tick();
      }
    } else {
      const all: JobSummary[] = [];
      for await (const job of jobs) {
        all.push(job);
        tick();
      }
      counter.stop();
      ctx.print(all.length ? renderTable(all, jobColumns(ctx.colors), ctx.width, ctx.colors.bold) : "No jobs.");
      ctx.print(ctx.colors.dim(`${all.length} jobs`));
    }
  } finally {
    counter.stop();
  }
}

async function writeCsv(ctx: Context, jobs: readonly JobSummary[]) {
  await write(ctx.out, csvLine(JOB_FIELDS));
  for (const job of jobs) await write(ctx.out, csvLine(JOB_FIELDS.map((f) => job[f])));
}
