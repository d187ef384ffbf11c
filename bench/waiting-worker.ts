/**
 * waitForJob under a simulated clock, in its own process because it replaces the global timers:
 * setTimeout, clearTimeout and Date.now run on virtual time, which jumps to the next timer whenever the
 * process is idle (no microtasks or immediates left). The client gets an injected fetch whose job is Running
 * until `--duration-ms` of virtual time after waitForJob started, then Completed. Every timer in the client
 * (poll backoff, the per-exchange timeout, the overall deadline) is virtual; nothing else runs in this process.
 * Prints `RESULT {"polls": [...], "lateMs": [...]}`, one entry per trial.
 */
import { parseArgs } from "node:util";
import { createJobsClient } from "../src/index.js";

const { values } = parseArgs({
  options: { "duration-ms": { type: "string" }, trials: { type: "string", default: "1" } },
});
const durationMs = Number(values["duration-ms"]);
const trials = Number(values.trials);

// --- the virtual clock ---------------------------------------------------------------------------------
const realSetImmediate = setImmediate;
const EPOCH = Date.parse("2026-01-01T00:00:00Z");
let now = 0;
let nextId = 1;
const timers = new Map<number, { at: number; fn: (...args: unknown[]) => void; args: unknown[] }>();
class FakeTimeout {
  constructor(readonly id: number) {}
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  hasRef() {
    return true;
  }
  refresh() {
    return this;
  }
  [Symbol.toPrimitive]() {
    return this.id;
  }
}
globalThis.setTimeout = ((fn: (...args: unknown[]) => void, delay = 0, ...args: unknown[]) => {
  const id = nextId++;
  timers.set(id, { at: now + Math.max(0, Number(delay) || 0), fn, args });
  return new FakeTimeout(id);
}) as unknown as typeof setTimeout;
globalThis.clearTimeout = ((handle: unknown) => {
  timers.delete(handle instanceof FakeTimeout ? handle.id : Number(handle));
}) as typeof clearTimeout;
Date.now = () => EPOCH + now;

/** Runs until `promise` settles, jumping the clock to the next timer whenever nothing else is left to do. */
async function runVirtually<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    for (let k = 0; k < 4 && !settled; k++) await new Promise((resolve) => realSetImmediate(resolve));
    if (settled) break;
    let next: [number, { at: number; fn: (...args: unknown[]) => void; args: unknown[] }] | undefined;
    for (const entry of timers) if (!next || entry[1].at < next[1].at) next = entry;
    if (!next) throw new Error("deadlock: nothing left to run and the wait has not ended");
    timers.delete(next[0]);
    now = next[1].at;
    next[1].fn(...next[1].args);
  }
  return promise;
}

// --- the job and the client -----------------------------------------------------------------------------
async function trial(): Promise<{ polls: number; lateMs: number }> {
  now = 0;
  timers.clear();
  const doneAt = durationMs;
  let polls = 0;
  let noticedAt = Number.NaN;
  const fetch = (async (input: URL | RequestInfo) => {
    const url = new URL(String(input));
    const withMessages = url.searchParams.get("includeMessages") !== "false";
    const finished = now >= doneAt;
    if (!withMessages) {
      polls++;
      if (finished && Number.isNaN(noticedAt)) noticedAt = now;
    }
    const job = {
      id: "6955b45ec86141f8643dfa58",
      appId: "66985b0024007f89bb94c3e0",
      createDateTime: "2026-01-01T00:00:00Z",
      status: finished ? "Completed" : "Running",
      disposition: finished ? "Success" : "None",
      priority: "Default",
      workerTag: "",
      runWithE2: true,
      outputs: [],
      ...(withMessages ? { messages: [] } : {}),
    };
    return new Response(JSON.stringify(job), {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
  }) as typeof globalThis.fetch;
  const client = createJobsClient({ baseUrl: "https://alteryx.example.com/webapi", auth: { token: "t" }, fetch });
  const job = await runVirtually(
    client.waitForJob("6955b45ec86141f8643dfa58", { timeoutMs: durationMs + 15 * 60_000 }),
  );
  if (job.status !== "Completed") throw new Error(`ended ${job.status}`);
  return { polls, lateMs: noticedAt - doneAt };
}

const results = [];
for (let k = 0; k < trials; k++) results.push(await trial());
console.log(`RESULT ${JSON.stringify({ polls: results.map((r) => r.polls), lateMs: results.map((r) => r.lateMs) })}`);
process.exit(0);
