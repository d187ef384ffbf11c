/**
 * `alteryx-jobs mcp` as an MCP client starts it: a real child process on stdio (from source through tsx, and the
 * built cli/dist/main.js when it is built), driven by the SDK's Client and StdioClientTransport.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { type RunningSimulator, startSimulator } from "../../simulator/src/index.js";
import { cleanEnv, NODE_ARGS, root } from "./helpers.js";
import { type Driver, drive, READ_TOOLS, seen, WRITE_TOOLS } from "./mcp-helpers.js";

vi.setConfig({ testTimeout: 60_000 });

const BUILT = fileURLToPath(new URL("../../cli/dist/main.js", import.meta.url));
const LIBRARY_BUILT = existsSync(fileURLToPath(new URL("../../dist/src/index.js", import.meta.url)));

let sim: RunningSimulator;
let env: Record<string, string>;
const stderr: string[] = [];

beforeAll(async () => {
  // The clock all but stands still: the queued jobs stay queued while the test looks at them.
  sim = await startSimulator({ jobs: 300, seed: 5, timeScale: 0.001 });
  const curator = sim.users.find((u) => u.role === "Curator")!;
  env = { ALTERYX_BASE_URL: sim.url, ALTERYX_CLIENT_ID: curator.clientId, ALTERYX_CLIENT_SECRET: curator.clientSecret };
});
afterAll(() => sim.close());

async function spawnServer(args: string[], main: string[] = NODE_ARGS, settings = env): Promise<Driver> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...main, "mcp", ...args],
    cwd: root,
    env: Object.fromEntries(
      Object.entries(cleanEnv(settings)).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  return drive(transport);
}

const queuedCount = async () => {
  const client = createJobsClient({ baseUrl: sim.url, auth: { token: sim.users[0]!.token } });
  return (await client.listJobs({ statuses: ["Queued"], allUsers: true, limit: 1 })).pagination.totalItems;
};

describe("alteryx-jobs mcp over stdio", () => {
  it("without --allow-writes: only the read-only tools, each marked readOnlyHint; they answer", async () => {
    const mcp = await spawnServer([]);
    try {
      expect(mcp.tools.map((t) => t.name)).toEqual(READ_TOOLS);
      for (const tool of mcp.tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      const page = await mcp.call("list_jobs", { limit: 2 });
      expect(page.data.returned).toBe(2);
    } finally {
      await mcp.close();
    }
    expect(stderr.join("")).toMatch(
      /^alteryx-jobs mcp: serving http:\/\/127\.0\.0\.1:\d+\/webapi over stdio, read-only$/m,
    );
  });

  it("with --allow-writes: cancel is destructive, and a cancel by filter without confirmation cancels nothing", async () => {
    // This one runs on a bearer token (ALTERYX_TOKEN), the other on the key and secret: both are looked for below.
    const token = { ALTERYX_BASE_URL: sim.url, ALTERYX_TOKEN: sim.users.find((u) => u.role === "Curator")!.token };
    const mcp = await spawnServer(["--allow-writes"], NODE_ARGS, token);
    try {
      expect(mcp.tools.map((t) => t.name)).toEqual([...READ_TOOLS, ...WRITE_TOOLS]);
      const cancel = mcp.tools.find((t) => t.name === "cancel_jobs")!;
      expect(cancel.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      const before = await queuedCount();
      expect(before).toBeGreaterThan(0);
      const r = await mcp.call("cancel_jobs", { filter: { statuses: ["Queued"], allUsers: true }, dryRun: false });
      expect(r.data).toMatchObject({ dryRun: false, confirmation: "required", results: [], cancelled: 0 });
      expect(r.data.targets).toHaveLength(before);
      expect(await queuedCount()).toBe(before);
    } finally {
      await mcp.close();
    }
  });

  it.skipIf(!existsSync(BUILT) || !LIBRARY_BUILT)(
    "the built command (cli/dist/main.js) serves the same tools (skipped unless `npm run build` has run)",
    async () => {
      const mcp = await spawnServer([], [BUILT]);
      try {
        expect(mcp.tools.map((t) => t.name)).toEqual(READ_TOOLS);
        expect((await mcp.call("list_jobs", { limit: 1 })).data.returned).toBe(1);
      } finally {
        await mcp.close();
      }
    },
  );

  it("neither stderr nor any tool result carries the client secret or a token", async () => {
    const all = [...seen, ...stderr].join("\n");
    expect(seen.length).toBeGreaterThan(0);
    for (const user of sim.users) {
      expect(all).not.toContain(user.clientSecret);
      expect(all).not.toContain(user.token);
    }
    expect(all).not.toMatch(/Bearer\s+(?!\[redacted\])\S/);
  });
});

describe("the MCP SDK is loaded only when `alteryx-jobs mcp` runs", () => {
  /** Every module the program loads before any command runs: static imports, followed from program.ts. */
  function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
    const files = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      const source = readFileSync(file, "utf8");
      // `import type` is erased; `import(...)` is the lazy path and is not followed.
      for (const [, specifier] of source.matchAll(/^import\s+(?!type\s)(?:[^;]*?\sfrom\s+)?"([^"]+)"/gm)) {
        if (specifier!.startsWith(".")) visit(join(dirname(file), specifier!.replace(/\.js$/, ".ts")));
        else packages.add(specifier!);
      }
    };
    visit(entry);
    return { files, packages };
  }

  // program.ts loads each command's registration only when that command runs (or for help of all of them).
  it.each(["program.ts", "mcp/command.ts"])("%s reaches neither the SDK nor the server", (entry) => {
    const { files, packages } = staticGraph(fileURLToPath(new URL(`../../cli/src/${entry}`, import.meta.url)));
    expect([...files].filter((f) => /\/mcp\/(serve|server)\.ts$/.test(f))).toEqual([]);
    expect([...packages].filter((p) => p.startsWith("@modelcontextprotocol/"))).toEqual([]);
    expect(files.size, "the walk follows the imports").toBeGreaterThan(1);
  });
});
