import { createJobsClient } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

// A bare array, no pagination block: a page shorter than limit is the last one.
const jobs = await ayx.listWorkflowJobs("68c7c7802a719467662d3001", {
  status: "Complete",
  resultCode: "Error",
  limit: 20,
});
for (const job of jobs) console.log(job.id, job.createDate, job.status);
