import { createJobsClient } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

// includeMessages: false is the cheap way to poll a running job.
const job = await ayx.getJob("68e47420c97fddfcc003b101", { includeMessages: false });

// A failed run still ends "Completed": the outcome is in disposition.
console.log(job.status, job.disposition, job.outputs?.length ?? 0);
