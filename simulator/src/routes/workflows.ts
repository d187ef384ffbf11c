/** A workflow's jobs: GET and POST /v3/workflows/{workflowId}/jobs. */
import type { SimContext } from "../context.js";
import { isJsonMediaType, parseEnqueueBody } from "../enqueue-body.js";
import { HttpError, json, type Route, type SimRequest } from "../http.js";
import { enqueueJob } from "../job-actions.js";
import { findWorkflow, listWorkflowJobs } from "../job-queries.js";
import { parseWorkflowJobsQuery } from "../query.js";
import { jobView, workflowJob } from "../views.js";
import { authenticate, badRequest, mediaType, unsupportedMediaType } from "./common.js";

export function workflowRoutes(ctx: SimContext): Route[] {
  const workflowOf = (req: SimRequest): number => {
    const w = findWorkflow(ctx, req.params.workflowId ?? "");
    if (w < 0) throw new HttpError(404, { message: "Workflow not found." });
    return w;
  };

  return [
    {
      pattern: "/v3/workflows/{workflowId}/jobs",
      methods: {
        GET: (req) => {
          authenticate(ctx, req);
          const parsed = parseWorkflowJobsQuery(req.query, ctx.quirks);
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const workflow = workflowOf(req);
          const now = ctx.clock.now();
          const page = listWorkflowJobs(ctx, workflow, parsed.value, now);
          return json(
            200,
            page.slots.map((i) => workflowJob(ctx, i, now)),
          );
        },
        POST: async (req) => {
          const user = authenticate(ctx, req);
          const workflow = workflowOf(req);
          const body = await req.body();
          const type = mediaType(req);
          if (body.length > 0 && !isJsonMediaType(type)) throw unsupportedMediaType(type);
          const parsed = parseEnqueueBody(body);
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const now = ctx.clock.now();
          return json(200, jobView(ctx, enqueueJob(ctx, workflow, user, parsed.value, now), now, true));
        },
      },
    },
  ];
}
