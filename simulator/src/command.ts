/**
 * The simulator's command line as functions, for `npm run simulator` (cli.ts) and the `alteryx-jobs simulator`
 * command: parse the arguments, start, print the start-up lines, and stop on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./index.js";
import { type Quirks, QUIRK_NAMES, SPEC_QUIRKS, parseQuirk } from "./quirks.js";

export const SIMULATOR_USAGE = [
  "usage: alteryx-jobs-simulator [--port 4011] [--host 127.0.0.1] [--jobs 1000] [--seed 1] [--time-scale 1]",
  "                              [--token-lifetime SECONDS] [--quirk name=value ...]",
  `  quirks: ${QUIRK_NAMES.join(", ")} (see the simulator's README)`,
].join("\n");

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw new RangeError(`--${name} must be a number, not '${text}'`);
  return n;
}

/** The options a command line asks for, or "help"; throws a RangeError naming what is wrong. */
export function parseSimulatorArgs(args: string[]): SimulatorOptions | "help" {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "4011" },
      host: { type: "string", default: "127.0.0.1" },
      jobs: { type: "string" },
      seed: { type: "string" },
      "time-scale": { type: "string" },
      "token-lifetime": { type: "string" },
      quirk: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return "help";
  const quirks: Partial<Quirks> = Object.assign({}, ...(values.quirk ?? []).map(parseQuirk));
  return {
    port: numberOption("port", values.port),
    host: values.host,
    jobs: numberOption("jobs", values.jobs),
    seed: values.seed,
    timeScale: numberOption("time-scale", values["time-scale"]),
    tokenLifetime: numberOption("token-lifetime", values["token-lifetime"]),
    quirks,
  };
}

/** What the simulator prints once it listens: where, who, two workflows, and a conformance command to paste. */
export function startupLines(sim: RunningSimulator): string[] {
  const width = Math.max(...sim.users.map((u) => u.name.length));
  const curator = sim.users.find((u) => u.role === "Curator");
  const changed = Object.entries(sim.quirks).filter(([name, value]) => value !== SPEC_QUIRKS[name as keyof Quirks]);
  const lines = [
    `Alteryx jobs simulator listening on ${sim.url}`,
    `Token URL: ${sim.url}/oauth2/token  (tokens live ${sim.tokenLifetime} s; ` +
      `data generated in ${Math.round(sim.generationMs)} ms)`,
    `Quirks: ${changed.length === 0 ? "none (the spec's readings)" : changed.map(([n, v]) => `${n}=${v}`).join(" ")}`,
    "Users (API access key = clientId, API access secret = clientSecret):",
    ...sim.users.map((u) => {
      const who = `${u.role.padEnd(7)}  ${u.name.padEnd(width)}  id=${u.id}`;
      return `  ${who}  clientId=${u.clientId}  clientSecret=${u.clientSecret}`;
    }),
    "Workflows to queue runs of:",
    ...sim.workflows.slice(0, 2).map((w) => `  ${w.id}  ${w.name}`),
  ];
  if (curator && sim.workflows[0]) {
    lines.push(
      "Check it with the conformance suite (in another terminal):",
      `  ALTERYX_CLIENT_ID=${curator.clientId} ALTERYX_CLIENT_SECRET=${curator.clientSecret} ` +
        `ALTERYX_ALLOW_WRITES=1 ALTERYX_WORKFLOW_ID=${sim.workflows[0].id} npm run conformance -- --target ${sim.url}`,
    );
  }
  lines.push("Press Ctrl+C to stop.");
  return lines;
}

/**
 * Runs the simulator as a command: starts it with the options in `args`, prints the start-up lines, and stops
 * it on SIGINT or SIGTERM. Resolves with the exit code once it stopped (0), or at once for --help (0) and for
 * bad options (1, with the reason and the usage on stderr).
 */
export async function runSimulatorCommand(args: string[]): Promise<number> {
  let options: SimulatorOptions | "help";
  let sim: RunningSimulator;
  try {
    options = parseSimulatorArgs(args);
    if (options === "help") {
      console.log(SIMULATOR_USAGE);
      return 0;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(SIMULATOR_USAGE);
    return 1;
  }
  try {
    sim = await startSimulator(options);
  } catch (error) {
    // Not a usage mistake: say what to do, without the usage text.
    const code = (error as { code?: string }).code;
    const where = `${options.host ?? "127.0.0.1"}:${options.port ?? ""}`;
    console.error(
      code === "EADDRINUSE"
        ? `port ${where} is in use: choose another with --port (0 picks a free one)`
        : `the simulator could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  // Listen before printing: whoever reads "Press Ctrl+C" may send the signal at once.
  const stopped = new Promise<number>((resolve) => {
    // The handlers stay: with none left, a loader such as tsx would end the process before close() finishes.
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping the simulator`);
      sim.close().then(
        () => resolve(0),
        (error: unknown) => {
          console.error(error);
          resolve(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  for (const line of startupLines(sim)) console.log(line);
  return stopped;
}
