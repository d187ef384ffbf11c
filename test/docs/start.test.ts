// `npm start` (scripts/start.ts): builds the docs, starts the Prism mock, prints a curl that works,
// and leaves nothing running once it is stopped with Ctrl-C or once Prism dies.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { root } from "./browser.js";

const freePort = () =>
  new Promise<number>((ok, ko) => {
    const s = createServer();
    s.once("error", ko);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** Resolves when nothing listens on the port any more (it can be bound again). */
const portIsFree = (port: number) =>
  new Promise<boolean>((ok) => {
    const s = createServer();
    s.once("error", () => ok(false));
    s.listen(port, "127.0.0.1", () => s.close(() => ok(true)));
  });

type Started = { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> };

const running = new Set<ChildProcess>();

function startScript(port: number): Started {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "scripts/start.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  child.stdout!.on("data", (c) => (out += c));
  child.stderr!.on("data", (c) => (out += c));
  const exited = new Promise<{ code: number | null; signal: string | null }>((ok) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      ok({ code, signal });
    }),
  );
  return { child, output: () => out, exited };
}

async function waitFor<T>(what: string, fn: () => T | undefined, s: Started, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (s.child.exitCode !== null || s.child.signalCode !== null) throw new Error(`start.ts exited before ${what}:\n${s.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The printed curl: its URL and every -H header. */
const curlLine = (out: string) => {
  const line = /^\s*(curl -s '(http:\/\/127\.0\.0\.1:\d+\/[^']+)'.*)$/m.exec(out);
  if (!line) return undefined;
  const headers = Object.fromEntries([...line[1]!.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1]!, m[2]!]));
  return { url: line[2]!, headers };
};

/** The Prism processes whose parent is pid (Linux `ps`). */
const childrenOf = (pid: number) =>
  execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("prism"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

afterEach(async () => {
  // A failed test must not leave start.ts (and with it Prism) running: SIGTERM runs its cleanup.
  for (const child of running) {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 3_000));
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

describe("npm start (scripts/start.ts)", () => {
  it("serves the mock, prints a curl whose answer matches its filter, and stops everything on Ctrl-C", async () => {
    const port = await freePort();
    const s = startScript(port);
    const { url, headers } = await waitFor("the curl line", () => curlLine(s.output()), s);
    const out = s.output();
    expect(url.startsWith(`http://127.0.0.1:${port}/`)).toBe(true);
    expect(out).toContain(join(root, "dist/docs/index.html"));
    expect(out).toContain(`file://${join(root, "dist/docs/index.html")}`);
    expect(out).toContain(`http://127.0.0.1:${port}`);

    expect(Object.keys(headers)).toEqual(expect.arrayContaining(["Authorization", "Prefer"]));
    const res = await fetch(url, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await res.json()) as { data: { status: string }[]; pagination: unknown };
    expect(body.pagination).toBeDefined();
    // What comes back matches what the curl asks for.
    const statuses = new URL(url).searchParams.get("statuses")!.split(",");
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.filter((job) => !statuses.includes(job.status)), `statuses=${statuses.join(",")}`).toEqual([]);

    const prismPids = childrenOf(s.child.pid!);
    expect(prismPids.length).toBeGreaterThan(0);

    s.child.kill("SIGINT");
    const exit = await Promise.race([s.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
    expect(exit, `start.ts did not exit after SIGINT:\n${s.output()}`).not.toBeNull();
    expect(exit!.code).toBe(0);

    await expect(fetch(url, { headers, signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    expect(await portIsFree(port)).toBe(true);
    for (const pid of prismPids) expect(() => process.kill(pid, 0), `process ${pid} (Prism) is still running`).toThrow();
  });

  it("exits non-zero, leaving nothing behind, when Prism dies on its own", async () => {
    const port = await freePort();
    const s = startScript(port);
    await waitFor("the curl line", () => curlLine(s.output()), s);
    const [prism] = childrenOf(s.child.pid!);
    expect(prism).toBeDefined();
    process.kill(prism!, "SIGKILL");
    const exit = await Promise.race([s.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
    expect(exit, `start.ts did not exit after Prism died:\n${s.output()}`).not.toBeNull();
    expect(exit!.code).not.toBe(0);
    expect(s.output()).toMatch(/exited on its own/);
    expect(await portIsFree(port)).toBe(true);
  });

  it("refuses a port that is already in use instead of talking to another server", async () => {
    const blocker = createServer();
    const port = await new Promise<number>((ok) => blocker.listen(0, "127.0.0.1", () => ok((blocker.address() as { port: number }).port)));
    try {
      const s = startScript(port);
      const exit = await Promise.race([s.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
      expect(exit).not.toBeNull();
      expect(exit!.code).not.toBe(0);
      expect(s.output()).toContain(`port ${port}`);
    } finally {
      blocker.close();
    }
  });
});
