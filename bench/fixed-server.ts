/**
 * A separate process: a node:http keep-alive server that answers every request with a fixed, realistic body,
 * so the per-request section measures the client, not a server. The bodies are real simulator answers (so they
 * pass `responseValidator()`), taken once at start-up:
 *   GET  /webapi/v3/jobs/{id}   a Completed job with its messages and outputs
 *   GET  /webapi/v3/jobs        a page of 20 job summaries with pagination
 *   POST /webapi/oauth2/token   a bearer token that lives an hour
 * Prints `READY {"url", "jobId", "token", "jobBytes", "pageBytes"}`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSimulator } from "../simulator/src/index.js";
import { exitWithParent } from "./child.js";

const PAGE_SIZE = 20;

async function sampleBodies() {
  const sim = await startSimulator({ jobs: 1000, seed: 1 });
  try {
    const headers = { authorization: `Bearer ${sim.users[0]!.token}` };
    const page = await (await fetch(`${sim.url}/v3/jobs?limit=${PAGE_SIZE}&offset=500`, { headers })).text();
    const jobId = (JSON.parse(page) as { data: { jobId: string }[] }).data[0]!.jobId;
    // A finished job with messages and outputs is the usual thing to read after waiting.
    let job = "";
    for (let offset = 100; offset < 1000 && !/"outputs":\[\{/.test(job); offset++) {
      const summary = (await (await fetch(`${sim.url}/v3/jobs?limit=1&offset=${offset}`, { headers })).json()) as {
        data: { jobId: string }[];
      };
      job = await (await fetch(`${sim.url}/v3/jobs/${summary.data[0]!.jobId}`, { headers })).text();
    }
    return { page, job, jobId };
  } finally {
    await sim.close();
  }
}

const { page, job, jobId } = await sampleBodies();
const token = "bench-token-0123456789abcdef";
const tokenBody = JSON.stringify({ access_token: token, token_type: "bearer", expires_in: 3600 });
const bodies = {
  job: Buffer.from(job),
  page: Buffer.from(page),
  token: Buffer.from(tokenBody),
  notFound: Buffer.from(JSON.stringify({ message: "Not found" })),
};

const server = createServer((req, res) => {
  const path = (req.url ?? "").split("?")[0]!;
  let status = 200;
  let body = bodies.notFound;
  if (req.method === "GET" && path === "/webapi/v3/jobs") body = bodies.page;
  else if (req.method === "GET" && path.startsWith("/webapi/v3/jobs/") && path.indexOf("/", 16) === -1)
    body = bodies.job;
  else if (req.method === "POST" && path === "/webapi/oauth2/token") body = bodies.token;
  else status = 404;
  req.resume(); // drain any request body (the token form)
  req.on("end", () => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  const info = {
    url: `http://127.0.0.1:${port}/webapi`,
    jobId,
    token,
    jobBytes: bodies.job.length,
    pageBytes: bodies.page.length,
  };
  console.log(`READY ${JSON.stringify(info)}`);
});
exitWithParent(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
