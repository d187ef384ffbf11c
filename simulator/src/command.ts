/**
 * The simulator's command line as functions, for `npm run simulator` (cli.ts) and the `alteryx-jobs simulator`
 * command: parse the arguments, start, print the start-up lines, and stop on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./index.js";
import { type Quirks, QUIRK_NAMES, SPEC_QUIRKS, parseQuirk } from "./quirks.js";

/**
 * Whether this runs from a clone of the repository (the sources, through tsx) rather than an installed package
 * (dist/): only a clone has the npm scripts (`npm run conformance`), so only a clone is told about them.
 */
export const FROM_CLONE = import.meta.url.endsWith(".ts");

export const SIMULATOR_USAGE = [
  `usage: ${FROM_CLONE ? "npm run simulator --" : "alteryx-jobs-simulator"} [--port 4011] [--host 127.0.0.1] ` +
    "[--jobs 1000] [--seed 1] [--time-scale 1]",
  "         [--start now|2026-01-01T00:00:00Z] [--token-lifetime SECONDS] [--quirk name=value ...]",
  "  --start: where the simulated clock starts (default now); a fixed one gives the same dates on every run",
  `  quirks: ${QUIRK_NAMES.join(", ")} (see the simulator's README)`,
].join("\n");

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw new RangeError(`--${name} must be a number, not '${text}'`);
  return n;
}

function startOption(text: string): string {
  if (Number.isNaN(Date.parse(text)))
    throw new RangeError(`--start must be now or a date such as 2026-01-01, not '${text}'`);
  return text;
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
      start: { type: "string" },
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
    ...(values.start && values.start !== "now" ? { start: startOption(values.start) } : {}),
    tokenLifetime: numberOption("token-lifetime", values["token-lifetime"]),
    quirks,
  };
}

/**
 * What the simulator prints once it listens: where, who, two workflows, and a conformance command to paste (the
 * command line's; from a clone, the npm script's as well).
 */
export function startupLines(sim: RunningSimulator, fromClone = FROM_CLONE): string[] {
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
    const key = `ALTERYX_CLIENT_ID=${curator.clientId} ALTERYX_CLIENT_SECRET=${curator.clientSecret}`;
    const workflowId = sim.workflows[0].id;
    lines.push(
      "Check it with the conformance suite of the alteryx-jobs command line (in another terminal):",
      `  ALTERYX_BASE_URL=${sim.url} ${key} alteryx-jobs conformance --workflow-id ${workflowId}`,
    );
    if (fromClone) {
      lines.push(
        "or, in this repository, with its npm script:",
        `  ${key} ALTERYX_ALLOW_WRITES=1 ALTERYX_WORKFLOW_ID=${workflowId} npm run conformance -- --target ${sim.url}`,
      );
    }
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
