/**
 * npm run simulator -- [--port 4011] [--jobs N] [--seed S] [--time-scale X] [--host 127.0.0.1]
 * Starts the simulator, prints its URL and every user's credentials, and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startSimulator } from "./index.js";

const USAGE = "usage: npm run simulator -- [--port 4011] [--jobs 1000] [--seed 1] [--time-scale 1] [--host 127.0.0.1]";

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw new RangeError(`--${name} must be a number, not '${text}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4011" },
      host: { type: "string", default: "127.0.0.1" },
      jobs: { type: "string" },
      seed: { type: "string" },
      "time-scale": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sim = await startSimulator({
    port: numberOption("port", values.port),
    host: values.host,
    jobs: numberOption("jobs", values.jobs),
    seed: values.seed,
    timeScale: numberOption("time-scale", values["time-scale"]),
  });
  console.log(`Alteryx jobs simulator listening on ${sim.url}`);
  console.log(`Token URL: ${sim.url}/oauth2/token  (generated data in ${Math.round(sim.generationMs)} ms)`);
  console.log("Users (API access key = clientId, API access secret = clientSecret):");
  const width = Math.max(...sim.users.map((u) => u.name.length));
  for (const u of sim.users) {
    console.log(`  ${u.role.padEnd(7)}  ${u.name.padEnd(width)}  id=${u.id}  clientId=${u.clientId}  clientSecret=${u.clientSecret}`);
  }
  console.log("Press Ctrl+C to stop.");

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the simulator`);
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
