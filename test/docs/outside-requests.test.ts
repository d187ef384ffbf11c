/**
 * No command the project documents makes a request outside the machine, even typed by hand without the npm
 * scripts' REDOCLY_TELEMETRY=off. Each runs with a preload (test/support/record-connections.mjs) that records every
 * TCP connection and DNS lookup of every Node process it starts (NODE_OPTIONS reaches the children) and refuses
 * any that is not loopback; HTTP(S)_PROXY point at a loopback listener too, so that a proxy-aware client would be
 * seen there. Without `telemetry: "off"` in redocly.yaml, `redocly lint` was seen connecting to
 * otel.cloud.redocly.com:443.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const PRELOAD = join(root, "test/support/record-connections.mjs");
const bin = (name: string) => join(root, "node_modules/.bin", name);

let work: string;
let proxy: Server;
let proxied = 0;
let proxyUrl: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "alteryx-jobs-outside-"));
  proxy = createServer((socket) => {
    proxied++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await new Promise((resolve) => proxy.close(resolve));
});

interface Recorded {
  kind: "connect" | "lookup";
  host: string;
  port?: number;
}

/** Runs a command as a contributor would type it; resolves with its exit code and what it tried to reach. */
function runRecorded(file: string, args: string[]): Promise<{ code: number | null; output: string; seen: Recorded[] }> {
  const log = join(work, `connections-${Math.random().toString(36).slice(2)}.ndjson`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: `--import ${PRELOAD}`,
    RECORD_CONNECTIONS_TO: log,
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    https_proxy: proxyUrl,
  };
  delete env.REDOCLY_TELEMETRY;
  delete env.NO_PROXY;
  delete env.no_proxy;
  const child = spawn(file, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const lines = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : [];
      resolve({ code, output, seen: lines.map((l) => JSON.parse(l) as Recorded) });
    });
  });
}

const outside = (seen: Recorded[]) =>
  seen
    .filter((s) => !/^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(s.host))
    .map((s) => `${s.kind} ${s.host}:${s.port ?? ""}`);

describe("no outside requests", () => {
  it("the recorder sees a connection a program makes (the check can fail)", async () => {
    const r = await runRecorded(process.execPath, ["-e", "fetch('https://example.com/').catch(() => {})"]);
    expect(outside(r.seen)).toContain("connect example.com:443");
  });

  const commands: [string, string, string[]][] = [
    ["redocly lint", bin("redocly"), ["lint"]],
    ["redocly bundle", bin("redocly"), ["bundle", "jobs", "-o", "BUNDLE"]],
    ["redocly build-docs", bin("redocly"), ["build-docs", "generated/openapi.yaml", "-o", "PAGE"]],
    ["spectral lint", bin("spectral"), ["lint", "generated/openapi.yaml", "--fail-severity=warn"]],
    ["npm run docs", process.execPath, ["scripts/docs.mjs", "--out", "DOCS", "--quiet"]],
  ];
  it.each(commands)(
    "%s",
    async (_name, file, template) => {
      const args = template.map((a) => (/^[A-Z]+$/.test(a) ? join(work, `${a.toLowerCase()}.out`) : a));
      const before = proxied;
      const r = await runRecorded(file, args);
      expect(r.code, r.output).toBe(0);
      expect(outside(r.seen)).toEqual([]);
      expect(proxied - before).toBe(0);
    },
    180_000,
  );
});
