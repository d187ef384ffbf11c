// The installed `alteryx-jobs` as an admin runs it: against the installed simulator, over loopback, with the
// arguments given here (`{workflowId}` stands for the simulator's first workflow). Prints one JSON line: the
// command's exit code, its stdout and stderr, and the JUnit report it wrote to report.xml (null when none).
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { startSimulator } from "alteryx-jobs-simulator";

const sim = await startSimulator({ jobs: 50, seed: 7, timeScale: 100 });
try {
  const curator = sim.users.find((user) => user.role === "Curator");
  const env = {
    ...process.env,
    ALTERYX_BASE_URL: sim.url,
    ALTERYX_CLIENT_ID: curator.clientId,
    ALTERYX_CLIENT_SECRET: curator.clientSecret,
    NO_COLOR: "1",
  };
  const args = process.argv.slice(2).map((arg) => arg.replaceAll("{workflowId}", sim.workflows[0].id));
  rmSync("report.xml", { force: true });
  const result = await new Promise((resolve) =>
    execFile("node_modules/.bin/alteryx-jobs", args, { env }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    ),
  );
  let junit = null;
  try {
    junit = readFileSync("report.xml", "utf8");
  } catch {}
  rmSync("report.xml", { force: true });
  console.log(JSON.stringify({ ...result, junit }));
} finally {
  await sim.close();
}
