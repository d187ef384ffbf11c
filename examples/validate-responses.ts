import { createJobsClient } from "alteryx-jobs-api";
import { responseValidator } from "alteryx-jobs-api/validate";

// Checks every response body against the spec's schemas (Ajv, compiled once); needs `npm i ajv ajv-formats`.
// A mismatch rejects with kind "invalid-response" and the JSON path, e.g. "$.data[0].jobId must be string".
const ayx = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { token: process.env.AYX_TOKEN! },
  validateResponses: responseValidator(),
});

console.log((await ayx.listJobs()).data.length);
