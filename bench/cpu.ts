/**
 * CPU per call: the client's own work (checking, URL, headers, timeout, decoding, checks) over a stubbed fetch
 * that answers at once from memory, so that no network or server time hides it. The figure is the client's time
 * per call minus the stub's alone (build the Response, read its text, JSON.parse), measured side by side.
 */
import { createJobsClient } from "../src/index.js";
import { type Target, interleaved, median, num, table } from "./stats.js";

const JOB_ID = "68dd3292c97fddfcc003adcb";
const JOB = JSON.stringify({
  id: JOB_ID,
  appId: "68dd32922a719467662d27c7",
  createDateTime: "2025-10-01T13:54:26Z",
  status: "Completed",
  disposition: "Success",
  outputs: [],
  messages: [],
  priority: "Default",
  workerTag: "",
  runWithE2: true,
});
const HEADERS = { "content-type": "application/json; charset=utf-8", "content-length": String(JOB.length) };
const stub = (async () => new Response(JOB, { status: 200, headers: HEADERS })) as unknown as typeof fetch;

type Call = () => Promise<unknown>;

export async function cpuSection(opts: {
  calls: number;
  repetitions: number;
}): Promise<{ markdown: string; targets: Target[] }> {
  const client = createJobsClient({ baseUrl: "http://127.0.0.1:1/webapi", auth: { token: "t" }, fetch: stub });
  const withSignal = new AbortController().signal;
  const variants: { name: string; call: Call }[] = [
    { name: "stub alone: Response, text(), JSON.parse", call: async () => JSON.parse(await (await stub("x")).text()) },
    { name: "client.getJob over the stub", call: () => client.getJob(JOB_ID) },
    {
      name: "client.getJob over the stub, with a caller's signal",
      call: () => client.getJob(JOB_ID, { signal: withSignal }),
    },
    {
      name: "client.listJobs({ statuses, limit }) over the stub (job body; shape check fails)",
      call: () => client.listJobs({ statuses: ["Running"], limit: 20 }).catch(() => undefined),
    },
  ];
  const time = async (call: Call) => {
    const started = performance.now();
    for (let i = 0; i < opts.calls; i++) await call();
    return ((performance.now() - started) * 1000) / opts.calls;
  };
  for (const v of variants) await time(v.call); // warm-up: JIT
  const runs = await interleaved(variants, opts.repetitions, (v) => time(v.call));
  const us = new Map([...runs].map(([name, values]) => [name, median(values)]));
  const base = us.get(variants[0]!.name)!;
  const rows = variants.map((v) => [
    v.name,
    num(us.get(v.name)!),
    v === variants[0] ? "—" : num(us.get(v.name)! - base),
  ]);
  const own = us.get(variants[1]!.name)! - base;
  return {
    markdown: [
      `### 1.1 CPU per call (no network)`,
      ``,
      `${num(opts.calls, 0)} sequential calls per variant and repetition, median of ${opts.repetitions}, ` +
        "over a fetch that answers at once from memory (a 0.3 kB job). The client's own cost is its time minus " +
        "the stub's.",
      ``,
      table(["variant", "µs per call (median)", "client's own µs per call"], rows),
    ].join("\n"),
    targets: [
      {
        name: "the client's own CPU per getJob is at most 12.5 µs (half of the 25 µs before the redesign)",
        met: own <= 12.5,
        figure: `${num(own)} µs`,
      },
    ],
  };
}
