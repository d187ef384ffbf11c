/** The job queue: GET /v3/jobs, GET and DELETE /v3/jobs/{jobId}, GET /v3/jobs/{jobId}/messages. */
import { HttpError, json, message, type Route } from "../http.js";
import { selectPage, type JobFilter } from "../listing.js";
import { STATUS } from "../model.js";
import { parseGetJobQuery, parseListJobsQuery, type ListJobsQuery } from "../query.js";
import type { SimState } from "../state.js";
import { jobMessages, jobSummary, jobView } from "../views.js";
import type { components } from "../../generated/schema.js";
import { authenticate, badRequest, isCurator, requireCurator } from "./common.js";

type JobsPage = components["schemas"]["JobsPage"];

const JOB_NOT_FOUND = "Job not found.";

function listFilter(state: SimState, q: ListJobsQuery, now: number): JobFilter {
  const { jobs, users, workflows } = state.data;
  const userSlots = q.users ? new Set(users.flatMap((u, k) => (q.users?.has(u.id) ? [k] : []))) : undefined;
  const workflowSlots = q.workflowNames ? new Set(workflows.flatMap((w, k) => (q.workflowNames?.has(w.name) ? [k] : []))) : undefined;
  const { statuses, priorities, completedBefore, completedAfter } = q;
  const byDate = completedBefore !== undefined || completedAfter !== undefined;
  if (!statuses && !priorities && !userSlots && !workflowSlots && !byDate) return undefined;
  return (i) => {
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

export function jobRoutes(state: SimState): Route[] {
  const { jobs } = state.data;

  /** The slot of a job the user may see, else a 404. */
  const findJob = (jobId: string | undefined, user: number): number => {
    const i = jobs.indexOf(jobId ?? "");
    if (i < 0 || (!isCurator(state, user) && jobs.user[i] !== user)) throw new HttpError(404, { message: JOB_NOT_FOUND });
    return i;
  };

  return [
    {
      pattern: "/v3/jobs",
      methods: {
        GET: (req) => {
          const user = authenticate(state, req);
          requireCurator(state, user, "view the jobs in the queue");
          const parsed = parseListJobsQuery(req.query);
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const q = parsed.value;
          const now = state.clock.now();
          const page = selectPage(state, listFilter(state, q, now), q, now);
          const body: JobsPage = {
            data: page.slots.map((i) => jobSummary(state, i, now)),
            pagination: {
              currentPage: Math.floor(q.offset / q.limit) + 1,
              pageSize: q.limit,
              totalItems: page.totalItems,
              totalPages: Math.ceil(page.totalItems / q.limit),
              hasNextPage: q.offset + q.limit < page.totalItems,
              hasPreviousPage: q.offset > 0,
            },
          };
          return json(200, body);
        },
      },
    },
    {
      pattern: "/v3/jobs/{jobId}",
      methods: {
        GET: (req) => {
          const user = authenticate(state, req);
          const parsed = parseGetJobQuery(req.query);
          if (!parsed.ok) throw badRequest(parsed.modelState);
          const i = findJob(req.params.jobId, user);
          return json(200, jobView(state, i, state.clock.now(), parsed.value.includeMessages));
        },
        DELETE: (req) => {
          const user = authenticate(state, req);
          const i = jobs.indexOf(req.params.jobId ?? "");
          if (i < 0) return message(404, JOB_NOT_FOUND);
          if (!isCurator(state, user) && jobs.user[i] !== user) return message(400, "You do not have permission to cancel this job.");
          const now = state.clock.now();
          const status = jobs.statusAt(i, now);
          if (status === STATUS.Queued) {
            jobs.remove(i);
            return message(200, "Deleted Successfully.");
          }
          if (status === STATUS.Initializing || status === STATUS.Running) {
            jobs.cancel(i, now);
            return message(200, "Cancelled Successfully.");
          }
          return message(400, "This job is not in 'Queued' or 'Running' state.");
        },
      },
    },
    {
      pattern: "/v3/jobs/{jobId}/messages",
      methods: {
        GET: (req) => {
          const user = authenticate(state, req);
          requireCurator(state, user, "read the messages of a job");
          const i = findJob(req.params.jobId, user);
          return json(200, jobMessages(state, i, state.clock.now()));
        },
      },
    },
  ];
}
