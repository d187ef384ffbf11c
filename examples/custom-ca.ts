import { readFileSync } from "node:fs";
import { createJobsClient } from "alteryx-jobs-api";
import { Agent, fetch as undiciFetch } from "undici";

// A server with a certificate from your own CA (or a self-signed one): trust exactly that CA.
const dispatcher = new Agent({ connect: { ca: readFileSync("/etc/ssl/alteryx-ca.pem") } });

const ayx = createJobsClient({
  baseUrl: "https://alteryx.internal.example.com/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
  fetch: (input, init) =>
    undiciFetch(input as string, { ...(init as object), dispatcher }) as unknown as Promise<Response>,
});

console.log((await ayx.listJobs({ limit: 1 })).pagination.totalItems);
