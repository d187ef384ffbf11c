/**
 * The claim checks that are not profile questions. Each sends read-only requests straight to the server and
 * judges one inferred claim: confirmed, refuted (naming the requests that showed it), or it throws `Unknown`
 * with the reason it could not tell.
 */
import { createSpecValidator } from "alteryx-jobs-api/validate";
import type { OwnCheck } from "./claim-checks.js";
import type { Exchange } from "./http.js";
import { requestToken } from "./preflight.js";
import {
  type ClaimResult,
  DAY_MS,
  type ProbeContext,
  UNKNOWN_JOB,
  Unknown,
  completedAt,
  day,
  jobsOf,
  list,
  needCurator,
  totalOf,
} from "./probing.js";

/** The disposition values the spec lists for a finished job, and the placeholders it accepts before that. */
export const SPEC_DISPOSITIONS = ["Success", "Warning", "Error", "Cancelled"] as const;
export const UNFINISHED_DISPOSITIONS = ["None"] as const;

/** The media type the spec reads for each format (case-insensitive); any other format: application/octet-stream. */
export const FORMAT_MEDIA_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  zip: "application/zip",
};
const OCTET_STREAM = "application/octet-stream";
const NO_SUCH_FORMAT = "ConformanceNoSuchFormat";
/** The named priorities a two-value filter is built from (the help page: "Low, Medium, High, Critical"). */
const PRIORITIES = ["Low", "Medium", "High", "Critical"] as const;
/** How many of the newest jobs, and of the newest completed ones, are read for dispositions and fields. */
const SAMPLE_NEWEST = 25;
const SAMPLE_COMPLETED = 75;
/** At most this many formats of one output are downloaded (headers only). */
const MAX_FORMATS = 6;

type JobBody = { id?: unknown; disposition?: unknown; outputs?: { id?: unknown; availableFormats?: unknown }[] };

/** The jobs the run reads once and several checks look at: the list answers and each job in full. */
interface Sample {
  lists: { exchange: Exchange; pointer: string }[];
  jobs: Exchange[];
}

async function readSample(ctx: ProbeContext): Promise<Sample> {
  const newest = "sortField=CreateDate&direction=desc";
  let lists: Sample["lists"];
  let ids: unknown[];
  if (ctx.role === "Curator") {
    const all = await list(ctx, `limit=${SAMPLE_NEWEST}&${newest}&allUsers=true`);
    const completed = await list(ctx, `statuses=Complete&limit=${SAMPLE_COMPLETED}&${newest}&allUsers=true`);
    lists = [all, completed].map((exchange) => ({ exchange, pointer: "#/components/schemas/JobsPage" }));
    ids = [...jobsOf(all), ...jobsOf(completed)].map((j) => j.jobId);
  } else if (ctx.workflowId) {
    const exchange = await ctx.direct(`/v3/workflows/${ctx.workflowId}/jobs?limit=${SAMPLE_NEWEST}&${newest}`, {
      token: ctx.token,
    });
    if (exchange.status !== 200 || !Array.isArray(exchange.body)) throw new Unknown(`${exchange.line}: no job list`);
    lists = [{ exchange, pointer: "#/components/schemas/WorkflowJobList" }];
    ids = (exchange.body as { id?: unknown }[]).map((j) => j.id);
  } else {
    throw new Unknown(
      `needs a Curator's key, or a workflow: ${ctx.hints.nameWorkflow} (${ctx.roleShownBy.line} for this key)`,
    );
  }
  const jobs: Exchange[] = [];
  for (const id of new Set(ids.filter((id): id is string => typeof id === "string"))) {
    // An Artisan may list a workflow's jobs but read only their own: a 404 just means "not this one".
    const read = await ctx.direct(`/v3/jobs/${encodeURIComponent(id)}?includeMessages=false`, { token: ctx.token });
    if (read.status === 200 && read.body && typeof read.body === "object") jobs.push(read);
  }
  return { lists, jobs };
}

/** The requests behind a sample: its lists, then each job read. */
function sampleRequests(sample: Sample): string {
  const reads = `GET /v3/jobs/{jobId}?includeMessages=false → 200 for each of ${sample.jobs.length} jobs`;
  return [...sample.lists.map((l) => l.exchange.line), reads].join("; ");
}

/** "GET … → 200" with the count of jobs it lists. */
function counted(exchange: Exchange): string {
  const total = totalOf(exchange);
  return total === undefined ? exchange.line : `${exchange.line}: ${total} jobs`;
}

/** Several values of a filter, comma-separated and repeated, against what each value lists alone. */
async function multiValue(ctx: ProbeContext): Promise<ClaimResult> {
  needCurator(ctx);
  // Completed jobs of days before the newest completion: a set that does not move while the run counts it.
  const newest = await list(ctx, "statuses=Complete&sortField=CompletionDateTime&direction=desc&limit=1&allUsers=true");
  const end = jobsOf<{ startTime?: string; executionTime?: string }>(newest).map(completedAt)[0];
  if (end === undefined) throw new Unknown(`${newest.line}: no completed job with a start and execution time`);
  const base = `statuses=Complete&completedBefore=${day(end - DAY_MS)}&allUsers=true&limit=1`;
  const alone: { name: string; total: number }[] = [];
  for (const name of PRIORITIES)
    alone.push({ name, total: totalOf(await list(ctx, `${base}&priorities=${name}`)) ?? 0 });
  const [a, b] = alone.filter((p) => p.total > 0).sort((x, y) => y.total - x.total);
  const counts = alone.map((p) => `${p.name} ${p.total}`).join(", ");
  if (!a || !b) throw new Unknown(`fewer than two priorities list jobs (${base}: ${counts})`);
  const comma = await list(ctx, `${base}&priorities=${a.name},${b.name}`);
  const repeated = await list(ctx, `${base}&priorities=${a.name}&priorities=${b.name}`);
  const both = a.total + b.total;
  const commaWorks = totalOf(comma) === both;
  const repeatedWorks = totalOf(repeated) === both;
  const evidence = `${counted(comma)}; ${counted(repeated)}; ${a.name} alone ${a.total}, ${b.name} alone ${b.total}`;
  if (!commaWorks && !repeatedWorks) throw new Unknown(`neither way lists the ${both} jobs of both: ${evidence}`);
  const answer = commaWorks && repeatedWorks ? "both" : commaWorks ? "comma-separated" : "repeated parameter";
  return { verdict: commaWorks ? "confirmed" : "refuted", answer, evidence };
}

/** The disposition of every job read, against the values the spec lists. */
function dispositions(sample: Sample): ClaimResult {
  if (sample.jobs.length === 0) throw new Unknown("no job could be read");
  const seen = new Map<string, { times: number; line: string }>();
  for (const read of sample.jobs) {
    const value = (read.body as JobBody).disposition;
    const key = value === undefined ? "(absent)" : JSON.stringify(value);
    const entry = seen.get(key) ?? { times: 0, line: read.line };
    entry.times++;
    seen.set(key, entry);
  }
  const allowed = new Set([...SPEC_DISPOSITIONS, ...UNFINISHED_DISPOSITIONS, null].map((v) => JSON.stringify(v)));
  allowed.add("(absent)");
  const answer = [...seen].map(([value, { times }]) => `${value} ${times}`).join(", ");
  const others = [...seen].filter(([value]) => !allowed.has(value));
  if (others.length === 0) {
    return { verdict: "confirmed", answer, evidence: sampleRequests(sample) };
  }
  const evidence = others
    .map(([value, { times, line }]) => `${line}: disposition ${value} (${times} of ${sample.jobs.length} jobs)`)
    .join("; ");
  return { verdict: "refuted", answer, evidence };
}

/** The shape of a refusal's body, in words. */
function bodyShape(exchange: Exchange): string {
  const { body } = exchange;
  if (body === undefined) return "an empty body";
  if (typeof body === "string") return `text ${JSON.stringify(body.slice(0, 60))}`;
  if (body && typeof (body as { message?: unknown }).message === "string") return "{ message }";
  return `JSON ${JSON.stringify(body).slice(0, 60)}`;
}

/** What 401, 403 and 404 answers carry: the spec reads `{ message }`. */
async function errorBodies(ctx: ProbeContext): Promise<ClaimResult> {
  const path = `/v3/jobs/${UNKNOWN_JOB}`;
  const asked = [await ctx.direct(path), await ctx.direct(path, { token: ctx.token })];
  // An Artisan's key is refused on a Curator-only operation (401, or 403 on some servers): at pre-flight when the
  // run's key is one, else with the Artisan's key the run was given.
  if (ctx.role === "Artisan") asked.push(ctx.roleShownBy);
  else if (ctx.artisan) {
    const issued = await requestToken(ctx.direct, ctx.artisan);
    if ("token" in issued) asked.push(await list({ ...ctx, token: issued.token }, "limit=1"));
  }
  const refusals = asked.filter((e) => e.status === 401 || e.status === 403 || e.status === 404);
  if (refusals.length === 0) throw new Unknown(`no refusal to look at (${asked.map((e) => e.line).join("; ")})`);
  const shown = refusals.map((e) => `${e.line} with ${bodyShape(e)}`);
  const seen = [...new Set(refusals.map((e) => `${e.status} ${bodyShape(e)}`))].join(", ");
  const unseen = [401, 403, 404].filter((s) => !refusals.some((e) => e.status === s));
  const answer = unseen.length > 0 ? `${seen}; no ${unseen.join(" or ")} seen` : seen;
  const other = refusals.filter((e) => bodyShape(e) !== "{ message }");
  return other.length === 0
    ? { verdict: "confirmed", answer, evidence: shown.join("; ") }
    : { verdict: "refuted", answer, evidence: other.map((e) => `${e.line} with ${bodyShape(e)}`).join("; ") };
}

/** The media type of each format an output offers, and the status of a format it does not offer. */
async function outputDownload(ctx: ProbeContext, sample: Sample): Promise<ClaimResult> {
  let found: { jobId: string; outputId: string; formats: string[] } | undefined;
  for (const read of sample.jobs) {
    const job = read.body as JobBody;
    const output = job.outputs?.find((o) => Array.isArray(o.availableFormats) && o.availableFormats.length > 0);
    if (typeof job.id === "string" && typeof output?.id === "string") {
      found = { jobId: job.id, outputId: output.id, formats: (output.availableFormats as unknown[]).map(String) };
      break;
    }
  }
  if (!found) throw new Unknown(`none of the ${sample.jobs.length} jobs read lists an output with a format`);
  const where = `/v1/jobs/${encodeURIComponent(found.jobId)}/output/${encodeURIComponent(found.outputId)}?format=`;
  const answers: string[] = [];
  const shown: string[] = [];
  const wrong: string[] = [];
  for (const format of found.formats.slice(0, MAX_FORMATS)) {
    const got = await ctx.direct(`${where}${encodeURIComponent(format)}`, { token: ctx.token, discardBody: true });
    const type = (got.headers.get("content-type") ?? "(none)").split(";")[0]?.trim().toLowerCase();
    const expected = FORMAT_MEDIA_TYPES[format.toLowerCase()] ?? OCTET_STREAM;
    answers.push(`${format} ${got.status === 200 ? type : got.status}`);
    shown.push(got.status === 200 ? `${got.line} as ${type}` : got.line);
    if (got.status !== 200) wrong.push(`${got.line} for a format the output offers`);
    else if (type !== expected) wrong.push(`${got.line} as ${type}, the spec reads ${expected}`);
  }
  const unoffered = await ctx.direct(`${where}${NO_SUCH_FORMAT}`, { token: ctx.token, discardBody: true });
  answers.push(`a format not offered ${unoffered.status}`);
  shown.push(unoffered.line);
  if (unoffered.status !== 400) wrong.push(`${unoffered.line}, the spec reads 400`);
  const answer = answers.join(", ");
  if (wrong.length > 0) return { verdict: "refuted", answer, evidence: wrong.join("; ") };
  return { verdict: "confirmed", answer, evidence: shown.join("; ") };
}

/** Every list answer and every job read, against the spec's `required` lists (and only those). */
function requiredFields(sample: Sample, validate: ReturnType<typeof createSpecValidator>["validate"]): ClaimResult {
  const reads = [
    ...sample.lists.map(({ exchange, pointer }) => ({ exchange, pointer })),
    ...sample.jobs.map((exchange) => ({ exchange, pointer: "#/components/schemas/Job" })),
  ];
  const missing = new Map<string, { times: number; line: string; field: string }>();
  for (const { exchange, pointer } of reads) {
    for (const v of validate(pointer, exchange.body)) {
      if (!v.message.startsWith("must have required property")) continue;
      const field = v.path.replace(/\[\d+\]/g, "[*]");
      const key = `${pointer} ${field}`;
      const entry = missing.get(key) ?? { times: 0, line: exchange.line, field };
      entry.times++;
      missing.set(key, entry);
    }
  }
  const listed = sample.lists.reduce((n, { exchange }) => n + (jobsIn(exchange)?.length ?? 0), 0);
  const answer = `${sample.lists.length} lists (${listed} jobs) and ${sample.jobs.length} jobs read`;
  if (missing.size === 0) {
    return { verdict: "confirmed", answer, evidence: `every required field is there: ${sampleRequests(sample)}` };
  }
  const evidence = [...missing.values()]
    .slice(0, 5)
    .map(({ times, line, field }) => `${line}: ${field} missing${times > 1 ? ` (${times} times)` : ""}`)
    .join("; ");
  return { verdict: "refuted", answer, evidence };
}

function jobsIn(exchange: Exchange): unknown[] | undefined {
  const body = exchange.body as { data?: unknown } | unknown[] | undefined;
  if (Array.isArray(body)) return body;
  const data = (body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? data : undefined;
}

/** The checks of their own, by id; the jobs they look at are read once, by whichever asks first. */
export function ownChecks(ctx: ProbeContext): Record<OwnCheck, () => Promise<ClaimResult>> {
  let sample: Promise<Sample> | undefined;
  const read = () => (sample ??= readSample(ctx));
  let validator: ReturnType<typeof createSpecValidator> | undefined;
  return {
    multiValue: () => multiValue(ctx),
    dispositions: async () => dispositions(await read()),
    errorBodies: () => errorBodies(ctx),
    outputDownload: async () => outputDownload(ctx, await read()),
    requiredFields: async () => requiredFields(await read(), (validator ??= createSpecValidator()).validate),
  };
}
