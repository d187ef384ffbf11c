// `alteryx-jobs conformance` as a user of the installed package runs it: against the installed simulator, over
// loopback, with the queue-and-cancel scenarios. Prints one JSON line: the command's exit code, its stdout and
// stderr, and the JUnit report it wrote (null when it wrote none).
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { startSimulator } from "alteryx-jobs-api/simulator";

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
  const args = ["conformance", "--workflow-id", sim.workflows[0].id, "--junit", "report.xml"];
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
