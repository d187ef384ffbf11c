/**
 * A stateful, in-memory Alteryx Server v3 jobs API for tests and demos.
 *
 * ```ts
 * import { startSimulator } from "alteryx-jobs-api/simulator";
 * const sim = await startSimulator({ jobs: 1000, seed: 7, timeScale: 100 });
 * // sim.url is ".../webapi"; sim.users[0].token is a ready bearer token (a Curator)
 * await sim.close();
 * ```
 */
import type { AddressInfo } from "node:net";
import { TOKEN_LIFETIME_SECONDS, TokenStore } from "./auth.js";
import { createClock, startOf } from "./clock.js";
import { DEFAULT_JOBS, MAX_JOBS, generateData } from "./seed-data.js";
import { BASE_PATH, createHttpServer } from "./http.js";
import type { Role } from "./vocabulary.js";
import { seedToInt } from "./prng.js";
import { type Quirks, resolveQuirks } from "./quirks.js";
import { allRoutes } from "./routes/index.js";
import { createContext } from "./context.js";
import { refusalBody } from "./error-bodies.js";

export interface SimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** How many jobs to generate, 0 to 1,000,000; default 1,000. */
  jobs?: number;
  /** Seed of all generated data (a number or any string); default 1. */
  seed?: number | string;
  /**
   * How much faster than real time the simulated clock runs; default 1. Queued jobs take 8 simulated
   * seconds to finish, and tokens live 3600 / timeScale real seconds (at least 1) unless `tokenLifetime` is set.
   */
  timeScale?: number;
  /**
   * Where simulated time starts (a Date, an ISO date or milliseconds since the epoch); default: now, so jobs
   * queued through the API are dated now and the generated year of jobs ends just before. Tests that compare
   * with dates fix it (`FIXED_START`, 2026-01-01: the history is then the year 2025 on every run).
   */
  start?: Date | number | string;
  /** `expires_in` of tokens from POST /oauth2/token, in real seconds (a whole number from 1). */
  tokenLifetime?: number;
  /**
   * How to answer where the sources disagree, e.g. `{ messages: "object", completedAfter: "exclusive" }`;
   * the spec's readings are the defaults (see `SPEC_QUIRKS`).
   */
  quirks?: Partial<Quirks>;
}

export interface SimulatorUser {
  id: string;
  name: string;
  role: Role;
  clientId: string;
  clientSecret: string;
  /** A bearer token for this user that stays valid for the simulator's lifetime. */
  token: string;
}

export interface SimulatorWorkflow {
  id: string;
  name: string;
}

export interface RunningSimulator {
  /** The base URL, ending in /webapi. */
  url: string;
  users: SimulatorUser[];
  workflows: SimulatorWorkflow[];
  /** The time it took to generate the data, in ms. */
  generationMs: number;
  /** `expires_in` of the tokens it issues, in seconds. */
  tokenLifetime: number;
  /** How it answers where the sources disagree (the defaults with the given quirks on top). */
  quirks: Quirks;
  /** Stops the server and closes every connection, keep-alive ones included. */
  close(): Promise<void>;
}

export type { Role };
export {
  PROFILE_QUIRKS,
  QUIRK_NAMES,
  QUIRK_VALUES,
  SPEC_QUIRKS,
  SPEC_READINGS,
  parseQuirk,
  resolveQuirks,
} from "./quirks.js";
export type { QuirkName, Quirks } from "./quirks.js";
export { FIXED_START } from "./clock.js";

type CheckedOptions = Required<Omit<SimulatorOptions, "seed" | "quirks" | "start">> & {
  seed: number;
  quirks: Quirks;
  start: number;
};

function checkOptions(options: SimulatorOptions): CheckedOptions {
  const port = options.port ?? 0;
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const timeScale = options.timeScale ?? 1;
  const tokenLifetime = options.tokenLifetime ?? Math.max(1, Math.round(TOKEN_LIFETIME_SECONDS / timeScale));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError("port must be an integer from 0 to 65535");
  if (!Number.isInteger(jobs) || jobs < 0 || jobs > MAX_JOBS)
    throw new RangeError(`jobs must be an integer from 0 to ${MAX_JOBS}`);
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError("timeScale must be a positive number");
  if (!Number.isInteger(tokenLifetime) || tokenLifetime < 1) {
    throw new RangeError("tokenLifetime must be a whole number of seconds from 1");
  }
  const quirks = resolveQuirks(options.quirks);
  const seed = seedToInt(options.seed ?? 1);
  const start = startOf(options.start);
  return { port, host: options.host ?? "127.0.0.1", jobs, timeScale, tokenLifetime, quirks, seed, start };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const { port, host, jobs, timeScale, tokenLifetime, quirks, seed, start } = checkOptions(options);
  const started = performance.now();
  const data = generateData(seed, jobs, start);
  const generationMs = performance.now() - started;
  const tokens = new TokenStore(data.users, tokenLifetime, quirks.bearerCase === "sensitive");
  const ctx = createContext(data, createClock(timeScale, start), tokens, quirks);
  const server = createHttpServer(allRoutes(ctx), {
    onError: (error) => console.error("simulator: handler failed:", error),
    trailingSlash: quirks.trailingSlash === "accepted",
    reshape: refusalBody(quirks.errorBodies),
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart =
    address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}${BASE_PATH}`,
    users: data.users.map((u, k) => ({ ...u, token: tokens.issue(k, true).token })),
    workflows: data.workflows.map((w) => ({ id: w.id, name: w.name })),
    generationMs,
    tokenLifetime,
    quirks,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
export { runSimulatorCommand, SIMULATOR_USAGE } from "./command.js";
