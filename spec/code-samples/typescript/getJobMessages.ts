import { createJobsClient } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

// Always an array, even when the server answers with a single message object.
const messages = await ayx.getJobMessages("68e47420c97fddfcc003b101");
for (const { status, text, toolId } of messages) {
  console.log(`[tool ${toolId}] ${status}: ${text}`);
}
