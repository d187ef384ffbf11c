/**
 * The conformance scenarios: each checks something a real server does, through the client and Prism (so every
 * request and answer is also checked against the spec), or straight to the server where Prism would answer
 * itself. Read-only ones send only GET and the token POST; the two that write need ALTERYX_ALLOW_WRITES=1.
 */
import { type Job, JobsApiError, type JobSummary } from "alteryx-jobs-api";
import type { Scenario, ScenarioContext } from "./scenario.js";

const UNKNOWN_JOB = "000000000000000000000000";
/** Up to this many jobs, paging reads them all; above it, a bounded window of pages. */
export const FULL_PAGING_LIMIT = 2_000;
const WINDOW_PAGE = 100;

function statusOf(error: unknown): number | undefined {
  return error instanceof JobsApiError ? error.status : undefined;
}

/** The first listed job, or a skip when the server has none. */
async function someJob(ctx: ScenarioContext): Promise<JobSummary> {
  const [first] = (await ctx.client.listJobs({ limit: 1, allUsers: true, sortField: "CreateDate", direction: "desc" }))
    .data;
  return first ?? ctx.skip("the server has no jobs to read");
}

/** How many of the newest completed jobs are read to find one that lists an output. */
const OUTPUT_SEARCH = 20;
/** A download is read to its end up to this size; past it the rest is left unread (a real server's file). */
const OUTPUT_READ_LIMIT = 64 * 1024 * 1024;
const NO_SUCH_FORMAT = "ConformanceNoSuchFormat";

type WithOutput = { job: Job; output: NonNullable<Job["outputs"]>[number] };
/** One search per run (scenarios share the run's client), whichever scenario asks first. */
const outputSearches = new WeakMap<object, Promise<WithOutput | string>>();

/** Completed jobs, newest first: the queue for a Curator, a workflow's jobs for an Artisan. */
async function completedJobIds(ctx: ScenarioContext): Promise<string[] | string> {
  const newest = { sortField: "CreateDate", direction: "desc", limit: OUTPUT_SEARCH } as const;
  if (ctx.role === "Curator") {
    return (await ctx.client.listJobs({ ...newest, statuses: ["Complete"], allUsers: true })).data.map((j) => j.jobId);
  }
  if (!ctx.workflowId) return `an Artisan's key lists jobs by workflow: ${ctx.hints.nameWorkflow} to find outputs`;
  return (await ctx.client.listWorkflowJobs(ctx.workflowId, { ...newest, status: "Complete" })).map((j) => j.id);
}

async function searchOutput(ctx: ScenarioContext): Promise<WithOutput | string> {
  const ids = await completedJobIds(ctx);
  if (typeof ids === "string") return ids;
  for (const id of ids) {
    // An Artisan may see a workflow's jobs but read only their own: a 404 just means "not this one".
    const job = await ctx.client.getJob(id, { includeMessages: false }).catch((error: unknown) => {
      if (statusOf(error) === 404) return undefined;
      throw error;
    });
    const output = job?.outputs?.find((o) => (o.availableFormats?.length ?? 0) > 0);
    if (job && output) return { job, output };
  }
  return `none of the ${ids.length} newest completed jobs lists an output with a format`;
}

/** A completed job with an output that lists a format, or a skip that says why there is none. */
async function jobWithOutput(ctx: ScenarioContext): Promise<WithOutput> {
  let search = outputSearches.get(ctx.client);
  if (!search) outputSearches.set(ctx.client, (search = searchOutput(ctx)));
  const found = await search;
  return typeof found === "string" ? ctx.skip(found) : found;
}

/** Reads a body to its end, or up to `limit` bytes and then cancels the rest. */
async function readUpTo(body: ReadableStream<Uint8Array>, limit: number) {
  const reader = body.getReader();
  let bytes = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    bytes += read.value.length;
    if (bytes > limit) {
      await reader.cancel();
      return { bytes, complete: false };
    }
  }
  return { bytes, complete: true };
}

const access: Scenario[] = [
  {
    name: "a request without a token gets 401 from the server",
    async run(ctx) {
      const answer = ctx.withoutToken;
      ctx.check(answer.status === 401, `${answer.line}: expected 401 without a token`);
      ctx.validate("listJobs", answer);
    },
  },
  {
    name: "the client credentials get a bearer token",
    async run(ctx) {
      const token = await ctx.clientWith({}).getToken();
      ctx.check(typeof token === "string" && token.length > 0, "POST /oauth2/token gave no access_token");
    },
  },
  {
    name: "wrong client credentials are refused",
    async run(ctx) {
      const wrong = ctx.clientWith({ auth: { clientId: "conformance-not-a-key", clientSecret: "not-the-secret" } });
      const error = await wrong.getToken().then(
        () => undefined,
        (e: unknown) => e,
      );
      ctx.check(error !== undefined, "POST /oauth2/token gave a token for credentials that do not exist");
      const status = statusOf(error);
      ctx.check(
        status === 400 || status === 401,
        `POST /oauth2/token answered ${status ?? String(error)}; expected 400 or 401`,
      );
    },
  },
];

const reading: Scenario[] = [
  {
    name: "lists a page of jobs with its pagination",
    curator: true,
    async run(ctx) {
      const page = await ctx.client.listJobs({ limit: 5, sortField: "CreateDate", direction: "desc", allUsers: true });
      const p = page.pagination;
      ctx.check(page.data.length <= 5, `asked for 5 jobs, got ${page.data.length}`);
      ctx.check(p.pageSize === 5, `pageSize is ${p.pageSize}, expected 5`);
      ctx.check(p.currentPage === 1, `currentPage is ${p.currentPage} on the first page, expected 1`);
      ctx.check(
        p.totalItems >= page.data.length,
        `totalItems ${p.totalItems} is less than the ${page.data.length} jobs listed`,
      );
      ctx.check(p.hasPreviousPage === false, "the first page says it has a previous page");
      ctx.check(
        p.hasNextPage === p.totalItems > 5,
        `hasNextPage is ${p.hasNextPage} with ${p.totalItems} jobs in pages of 5`,
      );
    },
  },
  {
    name: "reads a listed job, with and without messages, and its messages",
    curator: true,
    async run(ctx) {
      const listed = await someJob(ctx);
      const full = await ctx.client.getJob(listed.jobId);
      const reduced = await ctx.client.getJob(listed.jobId, { includeMessages: false });
      const messages = await ctx.client.getJobMessages(listed.jobId);
      ctx.check(full.id === listed.jobId, `GET /v3/jobs/${listed.jobId} answered job ${full.id}`);
      ctx.check(
        reduced.id === listed.jobId,
        `GET /v3/jobs/${listed.jobId}?includeMessages=false answered job ${reduced.id}`,
      );
      ctx.check(!("messages" in reduced), "includeMessages=false still sent messages");
      ctx.check(typeof reduced.status === "string", "includeMessages=false left out the job's status");
      ctx.check(Array.isArray(messages), "the messages could not be read as a list");
    },
  },
  {
    name: "downloads an output of a completed job when one exists",
    async run(ctx) {
      const { job, output } = await jobWithOutput(ctx);
      // The client picks the output's first available format and resolves at the headers.
      const file = await ctx.client.getJobOutput(job.id, output.id);
      const read = await readUpTo(file.body, OUTPUT_READ_LIMIT);
      const where = `GET /v1/jobs/${job.id}/output/${output.id}?format=${file.format}`;
      ctx.check(file.fileName.length > 0, `${where} named no file`);
      if (read.complete && file.size !== undefined) {
        ctx.check(read.bytes === file.size, `${where}: Content-Length says ${file.size} bytes, ${read.bytes} arrived`);
      }
    },
  },
  {
    name: "an output refuses a format it does not offer (400) and an unknown output id is 404",
    async run(ctx) {
      const { job, output } = await jobWithOutput(ctx);
      const where = `GET /v1/jobs/${job.id}/output`;
      const offered = await ctx.client
        .getJobOutput(job.id, output.id, { format: NO_SUCH_FORMAT })
        .then(async (file) => {
          await file.body.cancel();
          return 200;
        }, statusOf);
      ctx.check(offered === 400, `${where}/${output.id}?format=${NO_SUCH_FORMAT} answered ${offered}, expected 400`);
      const format = output.availableFormats?.[0] ?? "Raw";
      const unknown = await ctx.client.getJobOutput(job.id, UNKNOWN_JOB, { format }).then(async (file) => {
        await file.body.cancel();
        return 200;
      }, statusOf);
      ctx.check(unknown === 404, `${where}/${UNKNOWN_JOB}?format=${format} answered ${unknown}, expected 404`);
    },
  },
  {
    name: "lists the jobs of a workflow as a bare array",
    async run(ctx) {
      const listed = ctx.role === "Curator" ? await someJob(ctx) : undefined;
      const workflowId = ctx.workflowId ?? listed?.workflowId;
      if (!workflowId) return ctx.skip(`no workflow to list: ${ctx.hints.nameWorkflow}`);
      const jobs = await ctx.client.listWorkflowJobs(workflowId, { limit: 20 });
      ctx.check(Array.isArray(jobs), "the answer is not an array");
      if (listed && !ctx.workflowId) ctx.check(jobs.length > 0, `workflow ${workflowId} of a listed job lists no jobs`);
    },
  },
  {
    name: "an unknown job id is 404",
    async run(ctx) {
      const calls = [() => ctx.client.getJob(UNKNOWN_JOB)];
      if (ctx.role === "Curator") calls.push(() => ctx.client.getJobMessages(UNKNOWN_JOB) as never);
      for (const call of calls) {
        const status = await call().then(() => 200, statusOf);
        ctx.check(status === 404, `an unknown job id answered ${status}, expected 404`);
      }
    },
  },
  {
    name: "a bad parameter value gets 400 with the spec's error body",
    async run(ctx) {
      // Straight to the server: Prism would refuse the request itself.
      const curator = ctx.role === "Curator";
      const answer = await ctx.direct(
        curator ? "/v3/jobs?statuses=Bogus" : `/v3/jobs/${UNKNOWN_JOB}?includeMessages=perhaps`,
        {
          token: ctx.token,
        },
      );
      ctx.check(answer.status === 400, `${answer.line}: expected 400`);
      ctx.validate(curator ? "listJobs" : "getJob", answer);
    },
  },
];

const paging: Scenario[] = [
  {
    name: "paging covers the jobs exactly once (a bounded window on large servers)",
    curator: true,
    async run(ctx) {
      const query = { allUsers: true, sortField: "CreateDate", direction: "asc" } as const;
      const total = (await ctx.client.listJobs({ ...query, limit: 1 })).pagination.totalItems;
      if (total === 0) ctx.skip("the server has no jobs to page through");
      if (total <= FULL_PAGING_LIMIT) {
        const ids = async (concurrency: number) => {
          const out: string[] = [];
          for await (const job of ctx.client.iterateJobs(query, { pageSize: 37, concurrency })) out.push(job.jobId);
          return out;
        };
        const sequential = await ids(1);
        ctx.check(sequential.length === total, `paging gave ${sequential.length} jobs, totalItems says ${total}`);
        ctx.check(new Set(sequential).size === total, `paging gave ${total - new Set(sequential).size} jobs twice`);
        const concurrent = await ids(3);
        ctx.check(
          concurrent.join() === sequential.join(),
          "paging three pages at a time gave another order than one at a time",
        );
        return;
      }
      // Large server: the first two pages, a middle one and the last one, in order, each job once.
      const pages = Math.ceil(total / WINDOW_PAGE);
      const window = [...new Set([0, 1, Math.floor(pages / 2), pages - 1])];
      const seen = new Set<string>();
      let lastQueued = "";
      for (const index of window) {
        const page = await ctx.client.listJobs({ ...query, limit: WINDOW_PAGE, offset: index * WINDOW_PAGE });
        const expected = index < pages - 1 ? WINDOW_PAGE : total - index * WINDOW_PAGE;
        const label = `page ${index + 1} of ${pages}`;
        ctx.check(
          page.pagination.currentPage === index + 1,
          `${label} says currentPage ${page.pagination.currentPage}`,
        );
        // The last page may have grown on a busy server.
        ctx.check(
          index === pages - 1 ? page.data.length >= expected : page.data.length === expected,
          `${label} holds ${page.data.length} jobs, expected ${expected}`,
        );
        for (const job of page.data) {
          ctx.check(!seen.has(job.jobId), `job ${job.jobId} is listed twice (${label})`);
          seen.add(job.jobId);
          const queued = job.queueTime ?? "";
          ctx.check(queued >= lastQueued, `${label} is not in CreateDate order at job ${job.jobId}`);
          lastQueued = queued;
        }
      }
    },
  },
];

const writing: Scenario[] = [
  {
    name: "queues a job, waits for it to finish, and then cannot cancel it",
    writes: true,
    async run(ctx) {
      const queued = await ctx.client.enqueueJob(ctx.workflowId!, { priority: "Low" });
      ctx.check(queued.status === "Queued", `a job just queued has status ${queued.status}`);
      const done = await ctx.client.waitForJob(queued.id, {
        timeoutMs: ctx.waitTimeoutMs,
        initialIntervalMs: 20,
        maxIntervalMs: 2_000,
      });
      ctx.check(done.status === "Completed", `the job ended as ${done.status}`);
      ctx.check(typeof done.disposition === "string", "a completed job has no disposition");
      const refused = await ctx.client.cancelJob(queued.id).then(
        () => undefined,
        (e: unknown) => e as JobsApiError,
      );
      ctx.check(refused?.status === 400, `cancelling a completed job answered ${refused?.status ?? 200}, expected 400`);
    },
  },
  {
    name: "cancels a job it queued: deleted while queued, cancelled once running",
    writes: true,
    async run(ctx) {
      const queued = await ctx.client.enqueueJob(ctx.workflowId!);
      const { outcome } = await ctx.client.cancelJob(queued.id);
      if (outcome === "deleted") {
        const status = await ctx.client.getJob(queued.id).then(() => 200, statusOf);
        ctx.check(status === 404, `a deleted job still answers ${status}`);
      } else {
        const after = await ctx.client.getJob(queued.id);
        ctx.check(after.status === "Cancelled", `a cancelled job has status ${after.status}`);
      }
    },
  },
];

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [...access, ...reading, ...paging, ...writing];
