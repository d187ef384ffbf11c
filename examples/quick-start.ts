import { createJobsClient } from "alteryx-jobs-api";
import { saveJobOutputs } from "alteryx-jobs-api/node";

// The API access key and secret from My Profile → Keys; the client fetches and renews tokens itself.
const ayx = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

const page = await ayx.listJobs({ statuses: ["Running", "Queued"], sortField: "CreateDate", direction: "desc", limit: 20 });
for (const job of page.data) console.log(job.jobId, job.status, job.workflowName);
console.log(`page ${page.pagination.currentPage} of ${page.pagination.totalPages}`);

// Queue a run, wait for it to finish, and save every file it wrote (under safe names, inside ./results).
const queued = await ayx.enqueueJob("68dd32922a719467662d27c7", { priority: "High" });
const done = await ayx.waitForJob(queued.id, { timeoutMs: 600_000 });
if (done.disposition !== "Success") console.log(`ended ${done.status} / ${done.disposition}`);
for (const file of await saveJobOutputs(ayx, done.id, "./results")) console.log(file.path, file.bytes, "bytes");
