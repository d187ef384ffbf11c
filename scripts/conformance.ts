// `npm run conformance -- --target URL [--json FILE] [--junit FILE]`: the conformance suite against any Alteryx
// Server (or the simulator). Only argument parsing lives here; the run is `runConformance` in cli/src/conformance.
// Credentials come from ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET; ALTERYX_ALLOW_WRITES=1 with ALTERYX_WORKFLOW_ID
// also queues and cancels (only its own) jobs; ALTERYX_ARTISAN_CLIENT_ID/_SECRET add an Artisan's key to the profile.
// Exit code 0: nothing failed; 1: a scenario failed or Prism saw a violation; 2: the run could not run.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type ConformanceHints, formatText, runConformance, toJUnit, toJson } from "../cli/src/conformance/index.js";

/** This script's own ways of taking settings, named in the report's hints. */
const NPM_SCRIPT_HINTS: ConformanceHints = {
  target: "--target",
  allowWrites: "set ALTERYX_ALLOW_WRITES=1 and ALTERYX_WORKFLOW_ID",
  nameWorkflow: "set ALTERYX_WORKFLOW_ID to a workflow this key may run",
  addArtisan: "set ALTERYX_ARTISAN_CLIENT_ID and ALTERYX_ARTISAN_CLIENT_SECRET",
};

const USAGE = `usage: ALTERYX_CLIENT_ID=... ALTERYX_CLIENT_SECRET=... \\
         npm run conformance -- --target https://server/webapi
         [--json report.json] [--junit report.xml] [--quiet]
  ALTERYX_ALLOW_WRITES=1 ALTERYX_WORKFLOW_ID=...   also queue and cancel jobs of that workflow (only the run's own)
  ALTERYX_ARTISAN_CLIENT_ID=... ALTERYX_ARTISAN_CLIENT_SECRET=...   an Artisan's key too, for the profile`;

const env = process.env;
let values: { target?: string; json?: string; junit?: string; quiet?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      target: { type: "string" },
      json: { type: "string" },
      junit: { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const target = values.target ?? env.ALTERYX_BASE_URL;
if (values.help || !target || !env.ALTERYX_CLIENT_ID || !env.ALTERYX_CLIENT_SECRET) {
  if (!values.help)
    console.error(target ? "ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET must be set." : "--target is required.");
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const artisan =
  env.ALTERYX_ARTISAN_CLIENT_ID && env.ALTERYX_ARTISAN_CLIENT_SECRET
    ? { clientId: env.ALTERYX_ARTISAN_CLIENT_ID, clientSecret: env.ALTERYX_ARTISAN_CLIENT_SECRET }
    : undefined;
const run = await runConformance({
  target,
  credentials: { clientId: env.ALTERYX_CLIENT_ID, clientSecret: env.ALTERYX_CLIENT_SECRET },
  artisanCredentials: artisan,
  allowWrites: env.ALTERYX_ALLOW_WRITES === "1",
  workflowId: env.ALTERYX_WORKFLOW_ID || undefined,
  hints: NPM_SCRIPT_HINTS,
  onProgress: values.quiet ? undefined : (line) => console.error(`  … ${line}`),
});
process.stdout.write(formatText(run));
if (values.json) writeFileSync(values.json, toJson(run));
if (values.junit) writeFileSync(values.junit, toJUnit(run));
process.exitCode = run.exitCode;
