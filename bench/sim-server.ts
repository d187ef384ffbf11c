/**
 * A separate process: the simulator with `--jobs N` jobs and `--latency MS` of added latency per request.
 * The latency is added inside this server process: every incoming request is handed to the simulator's
 * handler MS milliseconds after it arrived (a timer per request, so concurrent requests overlap as they would
 * with a distant server). No proxy hop: the client talks to the simulator directly.
 * Prints `READY {"url", "token", "generationMs"}`.
 */
import { Server } from "node:http";
import { parseArgs } from "node:util";
import { FIXED_START, startSimulator } from "../simulator/src/index.js";
import { exitWithParent } from "./child.js";

const { values } = parseArgs({
  options: { jobs: { type: "string", default: "1000" }, latency: { type: "string", default: "0" } },
});
const latencyMs = Number(values.latency);

if (latencyMs > 0) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return Reflect.apply(emit, this, [event, ...args]) as boolean;
    setTimeout(() => Reflect.apply(emit, this, [event, ...args]), latencyMs);
    return true;
  } as typeof emit;
}

// A fixed start: the bench knows the generated jobs (their ids embed their times) without asking the server.
const sim = await startSimulator({ jobs: Number(values.jobs), seed: 1, start: FIXED_START });
const curator = sim.users.find((u) => u.role === "Curator")!;
console.log(`READY ${JSON.stringify({ url: sim.url, token: curator.token, generationMs: sim.generationMs })}`);
exitWithParent(() => sim.close());
