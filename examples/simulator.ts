import { createJobsClient } from "alteryx-jobs-api";
import { startSimulator } from "alteryx-jobs-simulator";

const sim = await startSimulator({ jobs: 1000, seed: 1, timeScale: 100 }); // port 0: a free port
const curator = sim.users.find((user) => user.role === "Curator")!;
const ayx = createJobsClient({
  baseUrl: sim.url,
  auth: { clientId: curator.clientId, clientSecret: curator.clientSecret },
});

const queued = await ayx.enqueueJob(sim.workflows[0]!.id, { questions: [{ name: "fail", value: "true" }] });
const done = await ayx.waitForJob(queued.id, { initialIntervalMs: 50 });
console.log(done.status, done.disposition); // Completed Error
await sim.close();
