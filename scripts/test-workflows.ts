// Runs the Arazzo workflows (spec/arazzo/jobs.arazzo.yaml) with `redocly respect` twice: against a Prism mock,
// then against the simulator behind `prism proxy --errors`, where queued jobs really run and every request and
// answer is checked against the spec. Extra arguments go to every respect run.
import { spawn } from "node:child_process";
import { startSimulator } from "../simulator/src/index.js";
import { startPrism } from "../cli/src/conformance/prism.js";

const ARAZZO = "spec/arazzo/jobs.arazzo.yaml";
/** The workflow that downloads a file; see `checksOf`. */
const DOWNLOAD = "queueWaitDownload";

/** Runs respect without blocking this process, as the simulator answers from it; resolves with the exit code. */
function respect(args: string[]): Promise<number> {
  const child = spawn("npx", ["--no-install", "redocly", "respect", ARAZZO, ...args, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

/**
 * Every workflow against one target. respect reads an application/octet-stream answer as bytes, which
 * no schema (the spec's `type: string` for a file) can match, so the download workflow runs with its
 * schema check as a warning; its status, content type and Content-Disposition checks stay errors, and
 * behind `prism proxy --errors` the file answer is checked against the spec all the same.
 */
async function runAgainst(label: string, baseUrl: string, inputs: Record<string, string>): Promise<number> {
  console.log(`\n=== Arazzo workflows against ${label} ===`);
  const inputArgs = Object.entries(inputs).flatMap(([name, value]) => ["--input", `${name}=${value}`]);
  const common = ["--server", `jobs=${baseUrl}`, ...inputArgs];
  const others = await respect([...common, "--skip", DOWNLOAD]);
  const download = await respect([...common, "--workflow", DOWNLOAD, "--severity", '{"SCHEMA_CHECK":"warn"}']);
  return others || download;
}

let failed = 0;
const mock = await startPrism();
try {
  failed ||= await runAgainst("the Prism mock", mock.url, {
    clientId: "demo-key",
    clientSecret: "demo-secret",
    workflowId: "68dd32922a719467662d27c7",
  });
} finally {
  await mock.stop();
}

// Time scale 2: a queued job completes 4 s after it was queued, long enough to cancel it, short enough to wait for.
const sim = await startSimulator({ jobs: 200, seed: 1, timeScale: 2 });
const proxy = await startPrism({ upstream: sim.url });
try {
  const curator = sim.users.find((user) => user.role === "Curator");
  if (!curator) throw new Error("the simulator has no Curator");
  failed ||= await runAgainst("the simulator behind prism proxy --errors", proxy.url, {
    clientId: curator.clientId,
    clientSecret: curator.clientSecret,
    workflowId: sim.workflows[0]?.id ?? "",
  });
} finally {
  await proxy.stop();
  await sim.close();
}
process.exitCode = failed;
