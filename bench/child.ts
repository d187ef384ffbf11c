/**
 * Runs a bench TypeScript module in its own Node process (through tsx), so servers do not share the event loop
 * (or the heap) with the client being measured. A child speaks one JSON line: `READY {...}` when it serves,
 * `RESULT {...}` when it has measured something. Children never outlive the bench.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = fileURLToPath(new URL("../", import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function spawnBench(script: string, args: string[], nodeFlags: string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    [...nodeFlags, "--import", tsxLoader, fileURLToPath(new URL(script, import.meta.url)), ...args],
    {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"], // the child exits when its stdin closes, i.e. when the bench does
    },
  );
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/** Waits for the child's `TAG {json}` line; rejects with its output if it exits first. */
function awaitLine<T>(child: ChildProcess, tag: "READY" | "RESULT", script: string): Promise<T> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const onData = (d: Buffer) => {
      stdout += d;
      const line = stdout.split("\n").find((l) => l.startsWith(`${tag} `));
      if (line) {
        child.stdout!.off("data", onData);
        resolve(JSON.parse(line.slice(tag.length + 1)) as T);
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code, signal) =>
      reject(new Error(`${script} exited (${code ?? signal}) before ${tag}:\n${stdout}${stderr}`)),
    );
  });
}

export interface ServerChild<T> {
  info: T;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a serving child and resolves once it prints READY. */
export async function startServerChild<T>(script: string, args: string[] = []): Promise<ServerChild<T>> {
  const child = spawnBench(script, args, []);
  const info = await awaitLine<T>(child, "READY", script);
  return {
    info,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 2_000).unref();
      }),
  };
}

/** Runs a measuring child to its end and returns its RESULT. */
export async function runChild<T>(script: string, args: string[], nodeFlags: string[] = []): Promise<T> {
  const child = spawnBench(script, args, nodeFlags);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const result = await awaitLine<T>(child, "RESULT", script);
  child.stdin!.end();
  await exited;
  return result;
}

/** For children: exit when the parent goes away (its end of our stdin closes). */
export function exitWithParent(cleanup: () => unknown = () => undefined): void {
  const stop = async () => {
    await cleanup();
    process.exit(0);
  };
  process.stdin.on("end", stop).on("error", stop).resume();
  process.once("SIGTERM", stop);
}
