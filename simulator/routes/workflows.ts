/** A workflow's jobs: GET and POST /v3/workflows/{workflowId}/jobs. */
import { HttpError, json, type Route, type SimRequest } from "../http.js";
import { parseEnqueueBody } from "../enqueue-body.js";
import { selectPage, type JobFilter } from "../listing.js";
import { DISPOSITION, STATUS, priorityCodeOfName, type DispositionCode } from "../model.js";
import { parseWorkflowJobsQuery, type WorkflowJobsQuery } from "../query.js";
import type { SimState } from "../state.js";
import { jobView, workflowJob } from "../views.js";
import { authenticate, badRequest, mediaType } from "./common.js";

function workflowFilter(state: SimState, workflow: number, q: WorkflowJobsQuery, now: number): JobFilter {
  const { jobs } = state.data;
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

/** How a queued run ends: asked to fail or warn through its questions, else a success. */
function outcomeOf(questions: { name: string; value: string }[]): DispositionCode {
  const answer = (name: string) => questions.some((q) => q.name === name && q.value.toLowerCase() === "true");
  if (answer("fail")) return DISPOSITION.Error;
  if (answer("warn")) return DISPOSITION.Warning;
  return DISPOSITION.Success;
}

export function workflowRoutes(state: SimState): Route[] {
  const findWorkflow = (req: SimRequest): number => {
    const w = state.workflowById.get((req.params.workflowId ?? "").toLowerCase());
    if (w === undefined) throw new HttpError(404, { message: "Workflow not found." });
    return w;
  };

  return [
    {
      pattern: "/v3/workflows/{workflowId}/jobs",
      methods: {
        GET: (req) => {
          authenticate(state, req);
          const parsed = parseWorkflowJobsQuery(req.query);
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const workflow = findWorkflow(req);
          const now = state.clock.now();
          const page = selectPage(state, workflowFilter(state, workflow, parsed.value, now), parsed.value, now);
          return json(200, page.slots.map((i) => workflowJob(state, i, now)));
        },
        POST: async (req) => {
          const user = authenticate(state, req);
          const workflow = findWorkflow(req);
          const parsed = parseEnqueueBody(await req.body(), mediaType(req));
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const { workerTag, credentialId, questions, priority } = parsed.value;
          const now = state.clock.now();
          const i = state.data.jobs.appendLive(
            now,
            { workflow, user, priority: priorityCodeOfName(priority), outcome: outcomeOf(questions) },
            { workerTag, credentialId, questions },
          );
          return json(200, jobView(state, i, now, true));
        },
      },
    },
  ];
}
