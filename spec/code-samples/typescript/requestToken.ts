import { createJobsClient } from "alteryx-jobs-api";

// The client trades the key and secret for a token itself, caches it and asks for a new one
// before it expires: you rarely need to call getToken() yourself.
const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

const token = await ayx.getToken();
console.log(`Authorization: Bearer ${token.slice(0, 8)}…`);
