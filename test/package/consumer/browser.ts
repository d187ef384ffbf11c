// Type-checked with the DOM's types and no Node types at all: a browser app uses the core and the validator
// and must not need @types/node for them (the simulator, a Node server, is left out on purpose).
import { createJobsClient, JobsApiError } from "alteryx-jobs-api";
import { responseValidator } from "alteryx-jobs-api/validate";

const ayx = createJobsClient({
  baseUrl: `${location.origin}/webapi`,
  auth: { token: () => sessionStorage.getItem("alteryx-token") ?? "" },
  validateResponses: responseValidator(),
});
ayx.getJob("68dd3292c97fddfcc003adcb").then(
  (job) => (document.title = job.status),
  (error: unknown) => console.error(error instanceof JobsApiError ? error.kind : error),
);
