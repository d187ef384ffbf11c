import { createJobsClient } from "alteryx-jobs-api";

// The API access key and secret from My Profile → Keys; the client fetches and renews tokens itself.
const ayx = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

const page = await ayx.listJobs({ statuses: ["Running", "Queued"], sortField: "CreateDate", direction: "desc", limit: 20 });
for (const job of page.data) console.log(job.jobId, job.status, job.workflowName);
console.log(`page ${page.pagination.currentPage} of ${page.pagination.totalPages}`);
