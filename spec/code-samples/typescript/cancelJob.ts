import { createJobsClient, JobsApiError } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

try {
  // A running job is cancelled; a queued job is deleted.
  const { outcome, message } = await ayx.cancelJob("68e47420c97fddfcc003b101");
  console.log(outcome, message); // outcome: "cancelled" | "deleted"
} catch (e) {
  if (!(e instanceof JobsApiError)) throw e;
  console.error(e.kind, e.status, e.message); // e.g. http 400: the job is not queued or running
}
