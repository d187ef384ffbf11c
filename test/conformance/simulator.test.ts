/** The conformance scenarios against the stateful simulator, behind `prism proxy --errors`. */
import { startSimulator } from "../../simulator/index.js";
import { proxiedTarget } from "./proxied-target.js";
import { conformanceScenarios } from "./scenarios.js";

const target = proxiedTarget(async () => {
  // timeScale 100: a queued job finishes in about 80 ms, but stays queued long enough to be deleted.
  const sim = await startSimulator({ jobs: 500, seed: 11, timeScale: 100 });
  const curator = sim.users.find((u) => u.role === "Curator")!;
  return {
    name: "simulator",
    upstreamUrl: sim.url,
    credentials: { clientId: curator.clientId, clientSecret: curator.clientSecret },
    prefer: false,
    stateful: true,
    writes: true,
    workflowId: sim.workflows[0]!.id,
    waitTimeoutMs: 20_000,
    close: () => sim.close(),
  };
});

conformanceScenarios(target, { prefer: false, stateful: true, writes: true });
