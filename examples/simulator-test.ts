import { createJobsClient } from "alteryx-jobs-api";
import { startSimulator } from "alteryx-jobs-simulator";
import { afterAll, beforeAll, expect, it } from "vitest";

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ jobs: 200, seed: 1, timeScale: 100 }); // port 0: a free port
});
afterAll(() => sim.close());

it("a run asked to fail ends Completed with disposition Error", async () => {
  const curator = sim.users.find((user) => user.role === "Curator")!;
  const ayx = createJobsClient({ baseUrl: sim.url, auth: { token: curator.token } });
  const queued = await ayx.enqueueJob(sim.workflows[0]!.id, { questions: [{ name: "fail", value: "true" }] });
  const done = await ayx.waitForJob(queued.id, { initialIntervalMs: 20 });
  expect([done.status, done.disposition]).toEqual(["Completed", "Error"]);
});
