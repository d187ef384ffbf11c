// Type-checked (skipLibCheck: false) against the installed package: what a TypeScript consumer on Node writes.
// The @ts-expect-error lines fail the check if the package's types were lost (an `any` accepts anything).
import { createJobsClient, JobsApiError, type Job, type JobsPage } from "alteryx-jobs-api";
import spec from "alteryx-jobs-api/openapi.json" with { type: "json" };
import type { paths } from "alteryx-jobs-api/schema";
import { type RunningSimulator, startSimulator } from "alteryx-jobs-simulator";
import { responseValidator } from "alteryx-jobs-api/validate";

const sim: RunningSimulator = await startSimulator({ jobs: 10 });
const ayx = createJobsClient({
  baseUrl: sim.url,
  auth: { token: sim.users[0]!.token },
  validateResponses: responseValidator(),
});

const page: JobsPage = await ayx.listJobs({
  statuses: ["Queued", "Complete"],
  sortField: "CreateDate",
  direction: "desc",
});
const job: Job = await ayx.getJob(page.data[0]!.jobId);
const raw: paths["/v3/jobs/{jobId}"]["get"]["responses"][200]["content"]["application/json"] = job;
const title: string = spec.info.title;
console.log(raw.status, title, JobsApiError.name);

// @ts-expect-error: not a status the filter knows
await ayx.listJobs({ statuses: ["Done"] });
// @ts-expect-error: jobId is required
await ayx.getJob();
await sim.close();
