import { createJobsClient } from "alteryx-jobs-api";

// A token you already have...
const withToken = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { token: process.env.AYX_TOKEN! },
});

// ...or a function that returns one (called before each request, and again after a 401).
const withTokenFunction = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { token: async () => (await fetch("https://vault.example.com/alteryx-token")).text() },
});

// Client credentials sent with HTTP Basic instead of form fields, for servers that want that.
const withBasic = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET!, sendCredentials: "basic" },
});

console.log((await withToken.getJob("68dd3292c97fddfcc003adcb")).status, typeof withTokenFunction, typeof withBasic);
