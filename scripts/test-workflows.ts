// Runs the Arazzo workflows (spec/arazzo/jobs.arazzo.yaml) with `redocly respect` against a Prism mock.
import { spawnSync } from "node:child_process";
import { startPrism } from "./lib/prism.js";

const prism = await startPrism();
try {
  const result = spawnSync(
    "npx",
    ["--no-install", "redocly", "respect", "spec/arazzo/jobs.arazzo.yaml", "--server", `jobs=${prism.url}`,
      "--input", "clientId=demo-key", "--input", "clientSecret=demo-secret", "--input", "workflowId=68dd32922a719467662d27c7", ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  );
  process.exitCode = result.status ?? 1;
} finally {
  await prism.stop();
}
