/**
 * Starts Prism (mock, or proxy in front of an upstream) on loopback, waits until it answers, and makes sure it
 * never outlives the process that started it. Used by the tests, `npm start` and the scripts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname } from "node:path";

// The bundled spec, from the library's public export: the same file in a clone (the workspace link) and in an
// installed command line (the library is its dependency).
const spec = createRequire(import.meta.url).resolve("alteryx-jobs-api/openapi.yaml");
const running = new Set<ChildProcess>();

function killAll() {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}
// Prism must not outlive this process, however it ends. A signal also ends this process, unless the
// program has its own handler for it (npm start does, to say goodbye).
process.once("exit", killAll);
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.once(signal, () => {
    killAll();
    if (process.listenerCount(signal) === 0) process.exit(code);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface PrismHandle {
  url: string;
  pid: number;
  /** Resolves when Prism exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What Prism printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** `prism mock generated/openapi.yaml --errors`, or `prism proxy ... <upstream> --errors` when upstream is given. */
export async function startPrism(options: { upstream?: string; port?: number } = {}): Promise<PrismHandle> {
  const port = options.port ?? (await freePort());
  const mode = options.upstream ? ["proxy", spec, options.upstream] : ["mock", spec];
  // Resolved here, not on import: an installed package may load this module without Prism (a devDependency).
  const prismCli = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  const child = spawn(process.execPath, [prismCli, ...mode, "--errors", "-h", "127.0.0.1", "-p", String(port)], {
    cwd: dirname(spec),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let printed = "";
  child.stdout?.on("data", (d) => (printed += d));
  child.stderr?.on("data", (d) => (printed += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 2_000);
      await exited;
      clearTimeout(force);
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${printed}`);
    try {
      await fetch(`${url}/__ready`, { signal: AbortSignal.timeout(1_000) });
      return { url, pid: child.pid!, exited, output: () => printed, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Prism did not answer on ${url} within 60 s:\n${printed}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
