/** Starts Prism (mock or proxy) on a free loopback port, waits until it answers, and never leaves it running. */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const prismCli = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
const running = new Set<ChildProcess>();

function killAll() {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}
// Prism must not outlive the process that started it, however that process ends.
process.once("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
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
  stop(): Promise<void>;
}

/** `prism mock generated/openapi.yaml --errors`, or `prism proxy ... <upstream> --errors` when upstream is given. */
export async function startPrism(options: { upstream?: string; port?: number } = {}): Promise<PrismHandle> {
  const port = options.port ?? (await freePort());
  const args = options.upstream
    ? ["proxy", "generated/openapi.yaml", options.upstream, "--errors", "-h", "127.0.0.1", "-p", String(port)]
    : ["mock", "generated/openapi.yaml", "--errors", "-h", "127.0.0.1", "-p", String(port)];
  const child = spawn(process.execPath, [prismCli, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      running.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 2_000).unref();
    });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}/__ready`, { signal: AbortSignal.timeout(1_000) });
      return { url, pid: child.pid!, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Prism did not answer on ${url} within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
