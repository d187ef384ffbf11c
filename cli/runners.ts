/**
 * The adapter to the project's other programs: the simulator (its command, called in this process) and the
 * conformance runner (its script, in a child process: it runs from a clone, see runConformance).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { CliError, EXIT } from "./exit-codes.js";

/** Run from source (cli/*.ts through tsx) or built (dist/cli/*.js): the package root differs. */
const fromSource = import.meta.url.endsWith(".ts");
const packageRoot = fileURLToPath(new URL(fromSource ? "../" : "../../", import.meta.url));
const requireHere = createRequire(import.meta.url);

/** The exact command that makes Prism available to `alteryx-jobs conformance`. */
export const PRISM_INSTALL = "npm install --save-dev @stoplight/prism-cli@5.14.2";

/** Runs a script with this Node, sharing the terminal; resolves with its exit code. Signals are passed on. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...loader, script, ...args], { cwd: packageRoot, stdio: "inherit", env });
  // Ctrl-C reaches the child from the terminal; this process waits for it to finish instead of dying first.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt).on("SIGTERM", onTerm);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", onInt).off("SIGTERM", onTerm);
      resolve(code ?? (signal === "SIGINT" ? 130 : EXIT.other));
    });
  });
}

export interface SimulatorArgs {
  port?: number;
  host?: string;
  jobs?: number;
  seed?: string;
  timeScale?: number;
  tokenLifetime?: number;
  quirk?: string[];
}

/** The simulator's own command, in this process (loaded only for this command). */
export async function runSimulator(options: SimulatorArgs): Promise<number> {
  const { runSimulatorCommand } = await import("../simulator/command.js");
  const { quirk, ...values } = options;
  const names = { timeScale: "time-scale", tokenLifetime: "token-lifetime" } as Record<string, string>;
  const args = Object.entries(values).flatMap(([name, value]) =>
    value === undefined ? [] : [`--${names[name] ?? name}`, String(value)],
  );
  return runSimulatorCommand([...args, ...(quirk ?? []).flatMap((q) => ["--quirk", q])]);
}

export interface ConformanceArgs {
  target: string;
  clientId: string;
  clientSecret: string;
  /** With a workflow id, the scenarios that queue and cancel (their own) jobs run too. */
  writesWithWorkflow?: string;
  /** Also write the report as JSON, or as JUnit XML, to these files. */
  json?: string;
  junit?: string;
}

/** Prism is a devDependency: an installed package has it only when its user installed it. */
export function requirePrism(resolve: (id: string) => string = requireHere.resolve): void {
  try {
    resolve("@stoplight/prism-cli/dist/index.js");
  } catch {
    throw new CliError(
      `conformance checks every exchange through Prism, which is not installed; install it with: ${PRISM_INSTALL}`,
      EXIT.other,
    );
  }
}

export function runConformance(options: ConformanceArgs): Promise<number> {
  requirePrism();
  const script = `${packageRoot}scripts/conformance.ts`;
  if (!existsSync(script) || !existsSync(`${packageRoot}scripts/lib/conformance/index.ts`)) {
    throw new CliError(
      "the conformance scenarios are not in this installation (they ship with the repository for now): " +
        "clone alteryx-jobs-api, run npm ci, then npm run conformance -- --target URL",
      EXIT.other,
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ALTERYX_CLIENT_ID: options.clientId,
    ALTERYX_CLIENT_SECRET: options.clientSecret,
  };
  if (options.writesWithWorkflow)
    Object.assign(env, { ALTERYX_ALLOW_WRITES: "1", ALTERYX_WORKFLOW_ID: options.writesWithWorkflow });
  const reports = [
    ...(options.json ? ["--json", options.json] : []),
    ...(options.junit ? ["--junit", options.junit] : []),
  ];
  return runScript(script, ["--target", options.target, ...reports], env);
}
