/**
 * The built package: `npm run build` makes cli/dist with an executable `alteryx-jobs`, and importing the library
 * (`import "alteryx-jobs-api"`) loads none of the command line's modules or dependencies.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanEnv, root, runProgram, type SimTarget, simTarget } from "./helpers.js";

// Each test spawns `alteryx-jobs` (a Node start-up each): slow on a busy machine, never a measure of speed.
vi.setConfig({ testTimeout: 60_000 });

const CLI_DEPENDENCIES = ["commander", "cli-table3", "picocolors", "ora", "log-update", "chart.js", "undici"];
let dir: string;
let t: SimTarget;

beforeAll(async () => {
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-package-"));
  t = await simTarget({ jobs: 20 });
}, 180_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.sim.close();
});

/** Every module URL Node loads while running `code` (an ES module) in the package's folder. */
function modulesLoadedBy(code: string): string[] {
  const log = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = join(dir, "hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}\n`,
  );
  writeFileSync(log, "");
  const register = `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  const run = spawnSync(
    process.execPath,
    ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "--input-type=module", "-e", code],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(log, "utf8").trim().split("\n");
}

describe("the built package", () => {
  it("import 'alteryx-jobs-api' loads no module of the command line and none of its dependencies", () => {
    const loaded = modulesLoadedBy(
      `const api = await import("alteryx-jobs-api"); if (typeof api.createJobsClient !== "function") process.exit(3);`,
    );
    expect(loaded.some((url) => url.endsWith("/dist/src/index.js"))).toBe(true);
    expect(loaded.filter((url) => url.includes("/cli/dist/"))).toEqual([]);
    expect(loaded.filter((url) => CLI_DEPENDENCIES.some((name) => url.includes(`/node_modules/${name}/`)))).toEqual([]);
  });

  const programFor = (args: string[]) =>
    `const { buildProgram } = await import(${JSON.stringify(pathToFileURL(join(root, "cli/dist/program.js")).href)});
     await buildProgram(${JSON.stringify(args)});`;

  it("(the check above can see them: the program for `list` loads them)", () => {
    const loaded = modulesLoadedBy(programFor(["list", "--all"]));
    for (const name of ["commander", "cli-table3", "picocolors"]) {
      expect(
        loaded.some((url) => url.includes(`/node_modules/${name}/`)),
        name,
      ).toBe(true);
    }
  });

  it("loads only the command that runs: `list` loads list's module alone, `--version` none", () => {
    const commandsLoadedBy = (args: string[]) =>
      modulesLoadedBy(programFor(args))
        .filter((url) => url.includes("/cli/dist/commands/"))
        .map((url) => url.replace(/.*\/commands\//, ""));
    expect(commandsLoadedBy(["--version"])).toEqual([]);
    expect(commandsLoadedBy(["--url", "http://x/webapi", "list", "--all"])).toEqual(["list.js", "filters.js"]);
    // Help for the whole program describes every command.
    expect(commandsLoadedBy(["--help"]).length).toBeGreaterThan(10);
  });

  it("package.json's bin is an executable with a shebang, and it runs against the simulator", async () => {
    const pkg = JSON.parse(readFileSync(join(root, "cli/package.json"), "utf8")) as { bin: Record<string, string> };
    const bin = join(root, "cli", pkg.bin["alteryx-jobs"]!);
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const help = await runProgram(bin, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: alteryx-jobs \[options\] \[command\]/);
    const list = await runProgram(bin, ["list", "--all", "--ndjson"], t.env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.trim().split("\n")).toHaveLength(20);
  });

  it("the built `simulator` command starts the simulator and stops on SIGTERM", async () => {
    const child = spawn(join(root, "cli/dist/main.js"), ["simulator", "--port", "0", "--jobs", "5"], {
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in ${out}`)), 15_000);
      child.stdout.on("data", (d: Buffer) => {
        out += d;
        const match = /listening on (http:\S+)/.exec(out);
        if (match && out.includes("Press Ctrl+C")) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const curator = /Curator .* clientId=(\w+)\s+clientSecret=(\w+)/.exec(out)!;
    const list = await runProgram(join(root, "cli/dist/main.js"), ["list", "--json"], {
      ALTERYX_BASE_URL: url,
      ALTERYX_CLIENT_ID: curator[1],
      ALTERYX_CLIENT_SECRET: curator[2],
    });
    expect((JSON.parse(list.stdout) as { pagination: { totalItems: number } }).pagination.totalItems).toBe(5);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
