import { createJobsClient } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});
const workflowId = "68dd32922a719467662d27c7";

// One page of the queue (Curators only). Arrays go out comma-separated; dates as yyyy-MM-dd.
const page = await ayx.listJobs({ statuses: ["Complete"], completedAfter: "2025-10-01", allUsers: true, limit: 100 });

// Every job of every page, in order and each once; 4 pages in flight at a time.
for await (const job of ayx.iterateJobs({ priorities: ["High", "Critical"] }, { pageSize: 200, concurrency: 4 })) {
  console.log(job.jobId, job.priority);
}

// One job, without its messages (cheap to poll), and its messages (always an array).
const job = await ayx.getJob(page.data[0]!.jobId, { includeMessages: false });
const messages = await ayx.getJobMessages(job.id);
console.log(job.status, job.disposition, messages.length);

// A workflow's jobs: a bare array, filtered by state and result.
const failed = await ayx.listWorkflowJobs(workflowId, { status: "Error", resultCode: "Error", limit: 20 });

// Queue a run with answers to the app's questions, wait for it, and read how it ended.
const queued = await ayx.enqueueJob(workflowId, { priority: "High", questions: [{ name: "Region", value: "EU" }] });
const done = await ayx.waitForJob(queued.id, { timeoutMs: 600_000, onPoll: (j) => console.log(j.status) });
console.log(done.disposition === "Success" ? "succeeded" : `ended ${done.disposition}`, failed.length);

// Cancel: a running job is cancelled, a queued one deleted.
const { outcome, message } = await ayx.cancelJob(queued.id).catch(() => ({ outcome: "not cancelled", message: "" }));
console.log(outcome, message);
