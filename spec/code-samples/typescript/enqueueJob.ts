import { createJobsClient } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

const queued = await ayx.enqueueJob("68c7c7802a719467662d3001", {
  priority: "High",
  questions: [{ name: "Region", value: "EU" }],
});
// Polls GET /v3/jobs/{jobId}?includeMessages=false until the job is Completed or Cancelled.
const done = await ayx.waitForJob(queued.id, { timeoutMs: 600_000 });
console.log(done.status, done.disposition); // e.g. Completed Success
