/** Runs the real `alteryx-jobs` (cli/src/main.ts through tsx) in a child process against a simulator. */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { type RunningSimulator, startSimulator, type SimulatorOptions } from "../../simulator/src/index.js";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const MAIN = fileURLToPath(new URL("../../cli/src/main.ts", import.meta.url));
/** Node's flags that run the CLI from source; the built binary is tested in build.test.ts. */
export const NODE_ARGS = ["--import", "tsx", MAIN];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment without the caller's Alteryx settings, colour or CI hints, plus `env`. */
export function cleanEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(ALTERYX_|NO_COLOR|FORCE_COLOR|NODE_EXTRA_CA_CERTS)/.test(k)),
  );
  // From any folder, tsx resolves the packages to their sources by the repository's tsconfig `paths`.
  const sources = { TSX_TSCONFIG_PATH: `${root}tsconfig.json` };
  return { ...base, ...sources, ALTERYX_JOBS_CONFIG: "/nonexistent/alteryx-jobs.json", ...env };
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): Promise<CliResult> {
  return runProgram(process.execPath, [...NODE_ARGS, ...args], env, input);
}

/** Runs a program to its end without blocking this process (the simulator may be serving in it). */
export function runProgram(
  file: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): Promise<CliResult> {
  const child = spawn(file, args, { cwd: root, env: cleanEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  child.stdin.end(input ?? "");
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface SimTarget {
  sim: RunningSimulator;
  /** The environment that points the CLI at the simulator as its first Curator. */
  env: Record<string, string>;
  /** The same, as an Artisan (who may not list the queue). */
  artisanEnv: Record<string, string>;
  workflowId: string;
}

export async function simTarget(options: SimulatorOptions = {}): Promise<SimTarget> {
  const sim = await startSimulator({ jobs: 300, seed: 5, timeScale: 100, ...options });
  const curator = sim.users.find((u) => u.role === "Curator")!;
  const artisan = sim.users.find((u) => u.role === "Artisan")!;
  return {
    sim,
    env: {
      ALTERYX_BASE_URL: sim.url,
      ALTERYX_CLIENT_ID: curator.clientId,
      ALTERYX_CLIENT_SECRET: curator.clientSecret,
    },
    artisanEnv: {
      ALTERYX_BASE_URL: sim.url,
      ALTERYX_CLIENT_ID: artisan.clientId,
      ALTERYX_CLIENT_SECRET: artisan.clientSecret,
    },
    workflowId: sim.workflows[0]!.id,
  };
}

/** Any ANSI escape sequence (colour, cursor movement, erase). */
export const ESCAPE = /\x1b[[\]()#;?]*(?:[0-9]{1,4}(?:;[0-9]{0,4})*)?[0-9A-ORZcf-nqry=><]/;

/** A loopback port nothing listens on (it was free a moment ago). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
