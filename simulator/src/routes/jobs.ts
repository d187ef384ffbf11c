/** The job queue: GET /v3/jobs, GET and DELETE /v3/jobs/{jobId}, GET /v3/jobs/{jobId}/messages. */
import type { components } from "alteryx-jobs-api/schema";
import type { SimContext } from "../context.js";
import { HttpError, json, message, type Route } from "../http.js";
import { cancelJob, type CancelOutcome } from "../job-actions.js";
import { findJob, findVisibleJob, listQueue } from "../job-queries.js";
import { parseGetJobQuery, parseListJobsQuery } from "../query.js";
import { jobMessages, jobSummary, jobView } from "../views.js";
import { authenticate, badRequest, requireCurator } from "./common.js";

type JobsPage = components["schemas"]["JobsPage"];

const JOB_NOT_FOUND = "Job not found.";

const CANCEL_ANSWERS: Record<CancelOutcome, [status: number, text: string]> = {
  deleted: [200, "Deleted Successfully."],
  cancelled: [200, "Cancelled Successfully."],
  "not-permitted": [400, "You do not have permission to cancel this job."],
  "not-cancellable": [400, "This job is not in 'Queued' or 'Running' state."],
};

export function jobRoutes(ctx: SimContext): Route[] {
  /** The slot of a job the user may see, else a 404. */
  const visibleJob = (jobId: string | undefined, user: number): number => {
    const i = findVisibleJob(ctx, jobId ?? "", user);
    if (i < 0) throw new HttpError(404, { message: JOB_NOT_FOUND });
    return i;
  };

  return [
    {
      pattern: "/v3/jobs",
      methods: {
        GET: (req) => {
          const user = authenticate(ctx, req);
          requireCurator(ctx, user, "view the jobs in the queue");
          const parsed = parseListJobsQuery(req.query, ctx.quirks);
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const now = ctx.clock.now();
          const page = listQueue(ctx, parsed.value, now, user);
          const body: JobsPage = { data: page.slots.map((i) => jobSummary(ctx, i, now)), pagination: page.pagination };
          return json(200, body);
        },
      },
    },
    {
      pattern: "/v3/jobs/{jobId}",
      methods: {
        GET: (req) => {
          const user = authenticate(ctx, req);
          const parsed = parseGetJobQuery(req.query);
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const i = visibleJob(req.params.jobId, user);
          return json(200, jobView(ctx, i, ctx.clock.now(), parsed.value.includeMessages));
        },
        DELETE: (req) => {
          const user = authenticate(ctx, req);
          const i = findJob(ctx, req.params.jobId ?? "");
          if (i < 0) return message(404, JOB_NOT_FOUND);
          const [status, text] = CANCEL_ANSWERS[cancelJob(ctx, i, user, ctx.clock.now())];
          return status === 200 && ctx.quirks.cancelBody === "empty" ? json(200, undefined) : message(status, text);
        },
      },
    },
    {
      pattern: "/v3/jobs/{jobId}/messages",
      methods: {
        GET: (req) => {
          const user = authenticate(ctx, req);
          requireCurator(ctx, user, "read the messages of a job");
          const i = visibleJob(req.params.jobId, user);
          return json(200, jobMessages(ctx, i, ctx.clock.now()));
        },
      },
    },
  ];
}
