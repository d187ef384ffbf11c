/**
 * The server profile: for each question where the sources disagree or say nothing (see simulator/quirks.ts),
 * the answer this server gives, backed by the request that showed it, or "unknown" with the reason. Every
 * probe goes straight to the server: Prism would answer some of them itself.
 */
import { SPEC_QUIRKS } from "alteryx-jobs-simulator/quirks";
import { PROFILE_QUESTIONS, type ProfileQuestion } from "./claim-checks.js";
import { requestToken } from "./preflight.js";
import {
  DAY_MS,
  type ProbeContext,
  UNKNOWN_JOB,
  Unknown,
  completedAt,
  day,
  jobsOf,
  list,
  needCurator,
  whyUnknown,
} from "./probing.js";

export type { ProbeContext };

export type ProfileValue = string | number;

export interface ProfileAnswer {
  /** The answer, or "unknown". */
  value: ProfileValue | "unknown";
  /** The request(s) that showed it, or why it is unknown. */
  evidence: string;
}

export type Profile = Record<ProfileQuestion, ProfileAnswer>;

interface Summary {
  jobId: string;
  workflowName?: string;
  startTime?: string | null;
  executionTime?: string | null;
  queueTime?: string | null;
}

const answer = (value: ProfileValue, evidence: string): ProfileAnswer => ({ value, evidence });
const unknown = (reason: string): ProfileAnswer => ({ value: "unknown", evidence: reason });

/** A completed job whose completion is nearest to noon UTC, so a server's time zone cannot move its day. */
async function jobCompletedMidday(ctx: ProbeContext): Promise<{ job: Summary; end: number; shownBy: string }> {
  const listed = await list(ctx, "statuses=Complete&sortField=CreateDate&direction=desc&limit=100&allUsers=true");
  const candidates = jobsOf<Summary>(listed).flatMap((job) => {
    const end = completedAt(job);
    return end === undefined ? [] : [{ job, end, offNoon: Math.abs((end % DAY_MS) - DAY_MS / 2) }];
  });
  candidates.sort((a, b) => a.offNoon - b.offNoon);
  const best = candidates[0];
  if (!best) throw new Unknown(`no completed job with a start and execution time (${listed.line})`);
  return { ...best, shownBy: listed.line };
}

/** Whether job `id` is among the jobs listed with `query` (of the same workflow, a few pages at most). */
async function listedWith(ctx: ProbeContext, job: Summary, query: string): Promise<{ found: boolean; line: string }> {
  const workflow = job.workflowName ? `&workflowNames=${encodeURIComponent(job.workflowName)}` : "";
  for (let offset = 0; offset < 5000; ) {
    const page = await list(ctx, `${query}&allUsers=true&limit=1000${offset ? `&offset=${offset}` : ""}${workflow}`);
    const jobs = jobsOf<Summary>(page);
    if (jobs.some((j) => j.jobId === job.jobId)) return { found: true, line: page.line };
    const more = (page.body as { pagination?: { hasNextPage?: unknown } }).pagination?.hasNextPage === true;
    if (!more || jobs.length === 0) return { found: false, line: page.line };
    offset += jobs.length;
  }
  throw new Unknown(`more than 5,000 jobs of workflow ${job.workflowName} around that day`);
}

function dayEvidence(job: Summary, end: number, line: string, found: boolean): string {
  return `job ${job.jobId} completed ${new Date(end).toISOString()}; ${line} ${found ? "lists it" : "leaves it out"}`;
}

const probes: Record<ProfileQuestion, (ctx: ProbeContext) => Promise<ProfileAnswer>> = {
  async messages(ctx) {
    needCurator(ctx);
    const listed = await list(ctx, "statuses=Complete&sortField=CreateDate&direction=desc&limit=20&allUsers=true");
    for (const job of jobsOf<Summary>(listed)) {
      const full = await ctx.direct(`/v3/jobs/${job.jobId}`, { token: ctx.token });
      const count = (full.body as { messages?: unknown[] } | undefined)?.messages?.length ?? 0;
      if (count < 2) continue;
      const messages = await ctx.direct(`/v3/jobs/${job.jobId}/messages`, { token: ctx.token });
      if (messages.status !== 200) return unknown(`${messages.line}`);
      return Array.isArray(messages.body)
        ? answer("array", `${messages.line}: an array of ${messages.body.length} (the job has ${count} messages)`)
        : answer("object", `${messages.line}: one message object (the job has ${count} messages)`);
    }
    return unknown(`no job with several messages among the last 20 completed (${listed.line})`);
  },

  async completedAfter(ctx) {
    needCurator(ctx);
    const { job, end } = await jobCompletedMidday(ctx);
    const d = day(end);
    // The other bound is two days off, so either reading of it keeps the job.
    const { found, line } = await listedWith(ctx, job, `completedAfter=${d}&completedBefore=${day(end + 2 * DAY_MS)}`);
    return answer(found ? "inclusive" : "exclusive", dayEvidence(job, end, line, found));
  },

  async completedBefore(ctx) {
    needCurator(ctx);
    const { job, end } = await jobCompletedMidday(ctx);
    const d = day(end);
    const { found, line } = await listedWith(ctx, job, `completedAfter=${day(end - 2 * DAY_MS)}&completedBefore=${d}`);
    return answer(found ? "inclusive" : "exclusive", dayEvidence(job, end, line, found));
  },

  async unstartedTimes(ctx) {
    needCurator(ctx);
    const listed = await list(ctx, "statuses=Queued&limit=1&allUsers=true");
    const [job] = jobsOf<Summary>(listed).filter(
      (j) => typeof j.jobId === "string" && (j as { status?: unknown }).status === "Queued",
    );
    if (!job) {
      return unknown(`no Queued job at the time of the run (${listed.line})`);
    }
    const shown = `${listed.line}: job ${job.jobId} is Queued and its startTime is`;
    if (!("startTime" in job)) return answer("absent", `${shown} missing`);
    if (job.startTime === null) return answer("null", `${shown} null`);
    if (/^0001-01-01/.test(job.startTime ?? "")) return answer("zero-date", `${shown} ${job.startTime}`);
    return unknown(`${shown} ${JSON.stringify(job.startTime)}, none of null, missing or 0001-01-01`);
  },

  async trailingSlash(ctx) {
    const path =
      ctx.role === "Curator"
        ? "/v3/jobs/?limit=1"
        : ctx.workflowId
          ? `/v3/workflows/${ctx.workflowId}/jobs/?limit=1`
          : "";
    if (!path)
      throw new Unknown(
        `needs a Curator's key or a workflow (${ctx.hints.nameWorkflow}; ${ctx.roleShownBy.line} for this key)`,
      );
    const slashed = await ctx.direct(path, { token: ctx.token });
    if (slashed.status === 200) return answer("accepted", slashed.line);
    if (slashed.status === 404) return answer("not-found", slashed.line);
    return unknown(`${slashed.line}: neither 200 nor 404`);
  },

  async bearerCase(ctx) {
    // Any key may read a job: an unknown one is 404 once signed in, 401 when the token is not taken.
    const path = `/v3/jobs/${UNKNOWN_JOB}`;
    const proper = await ctx.direct(path, { authorization: `Bearer ${ctx.token}` });
    const lower = await ctx.direct(path, { authorization: `bearer ${ctx.token}` });
    const shown = `${proper.line} with "Bearer"; ${lower.line} with "bearer"`;
    const none = await ctx.direct(path);
    if (none.status === proper.status) return unknown(`${shown}; but ${none.line} without a token too`);
    if (lower.status === 401 && proper.status !== 401) return answer("sensitive", shown);
    if (lower.status === proper.status) return answer("insensitive", shown);
    return unknown(shown);
  },

  async enumCase(ctx) {
    needCurator(ctx);
    const exact = await list(ctx, "statuses=Queued&limit=1&allUsers=true");
    const lower = await list(ctx, "statuses=queued&limit=1&allUsers=true");
    const shown = `${exact.line}; ${lower.line}`;
    if (exact.status !== 200) return unknown(`${exact.line}: the exact spelling is not taken either`);
    if (lower.status === 200) return answer("insensitive", shown);
    if (lower.status === 400) return answer("sensitive", shown);
    return unknown(shown);
  },

  async limitCap(ctx) {
    needCurator(ctx);
    const asked = await list(ctx, "limit=5000&allUsers=true");
    if (asked.status === 400) return unknown(`${asked.line}: the server refuses a limit of 5000 instead of capping it`);
    const body = asked.body as
      | { data?: unknown[]; pagination?: { pageSize?: number; totalItems?: number } }
      | undefined;
    const got = body?.data?.length;
    const total = body?.pagination?.totalItems;
    if (asked.status !== 200 || got === undefined || total === undefined)
      return unknown(`${asked.line}: no job list to count`);
    const shown = `${asked.line}: ${got} of ${total} jobs, pageSize ${body?.pagination?.pageSize}`;
    if (got < Math.min(5000, total)) return answer(got, shown);
    if (got === 5000) return answer("none", shown);
    return unknown(`${shown}; the server holds fewer jobs than a cap could show`);
  },

  async cancelBody(ctx) {
    if (!ctx.writes || !ctx.workflowId) throw new Unknown(`writes are not allowed (${ctx.hints.allowWrites})`);
    const queued = await ctx.direct(`/v3/workflows/${ctx.workflowId}/jobs`, { token: ctx.token, json: {} });
    const id = (queued.body as { id?: unknown } | undefined)?.id;
    if (queued.status !== 200 || typeof id !== "string") return unknown(`${queued.line}: no job was queued`);
    const cancelled = await ctx.direct(`/v3/jobs/${id}`, { method: "DELETE", token: ctx.token });
    if (cancelled.status !== 200) return unknown(`${cancelled.line}: the job the run queued could not be cancelled`);
    const message = (cancelled.body as { message?: unknown } | undefined)?.message;
    if (cancelled.body === undefined) return answer("empty", `${cancelled.line} with an empty body`);
    if (typeof message === "string") return answer("message", `${cancelled.line}: "${message}"`);
    return unknown(`${cancelled.line}: a body without a message`);
  },

  async artisanOnCuratorRoutes(ctx) {
    if (ctx.role === "Artisan")
      return answer(ctx.roleShownBy.status, `${ctx.roleShownBy.line} for this (Artisan's) key`);
    if (!ctx.artisan) throw new Unknown(`needs an Artisan's key too (${ctx.hints.addArtisan})`);
    const issued = await requestToken(ctx.direct, ctx.artisan);
    if (!("token" in issued)) return unknown(`the Artisan's key: ${issued.reason}`);
    const refused = await list({ ...ctx, token: issued.token }, "limit=1");
    if (refused.status === 401 || refused.status === 403)
      return answer(refused.status, `${refused.line} for the Artisan's key`);
    return unknown(`${refused.line} for the Artisan's key: is it a Curator's?`);
  },
};

/** Asks every question; a probe that fails says why instead of answering. */
export async function detectProfile(ctx: ProbeContext): Promise<Profile> {
  const profile = {} as Profile;
  for (const name of PROFILE_QUESTIONS) {
    try {
      profile[name] = await probes[name](ctx);
    } catch (error) {
      profile[name] = unknown(whyUnknown(error));
    }
  }
  return profile;
}

/** Whether an answer differs from the spec's reading (unknown never does). */
export function differsFromSpec(name: ProfileQuestion, value: ProfileAnswer["value"]): boolean {
  return value !== "unknown" && value !== SPEC_QUIRKS[name];
}
