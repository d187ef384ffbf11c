import { createJobsClient } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

// One page; arrays go out comma-separated (inferred): statuses=Queued,Running
const page = await ayx.listJobs({
  statuses: ["Queued", "Running"],
  sortField: "CreateDate",
  direction: "desc",
  limit: 50,
});
console.log(
  page.pagination.totalItems,
  page.data.map((job) => job.jobId),
);

// Or every page, one job at a time.
const done = ayx.iterateJobs({ statuses: ["Complete"], completedAfter: "2025-10-01" });
for await (const job of done) console.log(job.jobId, job.workflowName, job.status);
