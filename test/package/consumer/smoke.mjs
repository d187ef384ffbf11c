// A consumer's first program: the installed client against the installed simulator, over real HTTP on
// loopback. With --validate, every response is also checked against the spec (needs ajv and ajv-formats).
// Prints one JSON line with what it saw.
import { createJobsClient, JobsApiError } from "alteryx-jobs-api";
import { startSimulator } from "alteryx-jobs-simulator";

const validate = process.argv.includes("--validate");
const sim = await startSimulator({ jobs: 50, seed: 7, timeScale: 100 });
try {
  const curator = sim.users.find((user) => user.role === "Curator");
  const ayx = createJobsClient({
    baseUrl: sim.url,
    auth: { clientId: curator.clientId, clientSecret: curator.clientSecret },
    ...(validate ? { validateResponses: (await import("alteryx-jobs-api/validate")).responseValidator() } : {}),
  });
  const page = await ayx.listJobs({ statuses: ["Queued", "Running"], limit: 5 });
  const queued = await ayx.enqueueJob(sim.workflows[0].id, { questions: [{ name: "fail", value: "true" }] });
  const done = await ayx.waitForJob(queued.id, { initialIntervalMs: 20 });
  const missing = await ayx.getJob("000000000000000000000000").catch((error) => error);
  console.log(
    JSON.stringify({
      statuses: [...new Set(page.data.map((job) => job.status))],
      done: [done.status, done.disposition],
      missing: missing instanceof JobsApiError ? [missing.kind, missing.status] : String(missing),
    }),
  );
} finally {
  await sim.close();
}
