/**
 * The three packages as users get them before they are published: `npm pack` in each package's folder (whose
 * `prepack` builds its dist/), then `npm install <tarball>` into empty folders, from npm's cache or the registry
 * like any install.
 * - A developer's project: the library alone (counted: at most 3 packages), then the simulator as a test author
 *   adds it. Every entry of `exports` is imported, a first program runs the client against the simulator over
 *   loopback, a short script starts the simulator, and consumers are type-checked with `skipLibCheck: false`
 *   (Node with NodeNext and with bundler resolution, and a browser app without Node's types).
 * - An admin's folder: the command line from its tarball (with the library's and the simulator's, which it
 *   depends on by caret ranges), run against the simulator; its conformance run installs what it asks for.
 *
 * Dependency ranges are tried at both ends: a plain install takes the newest version each range allows;
 * the lowest ones (the library's optional peers `ajv` and `ajv-formats`) are then installed on purpose and the
 * same checks run again. The repository's own tests run on the versions the lockfile pins.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder, installedPackages, LIBRARY_PACKAGE_BUDGET } from "../../bench/install.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./consumer", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");
interface Manifest {
  name: string;
  version: string;
  exports: Record<string, string | Record<string, string>>;
  bin?: string | Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
/** The three packages by their folder in the repository. */
const FOLDERS = { library: ".", simulator: "simulator", cli: "cli" } as const;
type PackageName = keyof typeof FOLDERS;
const manifestOf = (name: PackageName) =>
  JSON.parse(readFileSync(join(root, FOLDERS[name], "package.json"), "utf8")) as Manifest;
const manifest = manifestOf("library");
const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline"];
const MINUTES = 60_000;

/** The environment without what `npm test` sets for its own project: child npm commands must see only theirs. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(config_(local_prefix|call)$|lifecycle_|package_|command$)/.test(key),
  ),
);

type Run = { stdout: string; stderr: string };
function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error }))
        : resolve({ stdout, stderr }),
    ),
  );
}

/** The lowest published version a range allows, as the registry (or npm's cache of it) lists them. */
async function lowestOf(name: string, range: string | undefined): Promise<string> {
  if (!range) throw new Error(`package.json declares no range for ${name}`);
  const { stdout } = await run("npm", ["view", `${name}@${range}`, "version", "--json", "--prefer-offline"], root);
  const versions = [JSON.parse(stdout) as string | string[]].flat();
  // npm lists them oldest first; sort anyway (numerically, release before pre-release is not needed here).
  const key = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number);
  return versions.sort((a, b) => key(a).reduce((d, n, i) => d || n - key(b)[i]!, 0))[0]!;
}

const installedVersion = (dir: string, name: string) =>
  (JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

/** The `npm warn` lines of an npm command's output. */
const warnings = (stderr: string) => stderr.split("\n").filter((line) => /^npm warn/i.test(line));

/** Every path a manifest points at: main, types, bin targets and each leaf of the exports map. */
function manifestTargets(pkg: { main?: string; types?: string; bin?: unknown; exports?: unknown }): string[] {
  const leaves = (node: unknown): string[] =>
    typeof node === "string" ? [node] : node && typeof node === "object" ? Object.values(node).flatMap(leaves) : [];
  return [...leaves(pkg.main), ...leaves(pkg.types), ...leaves(pkg.bin), ...leaves(pkg.exports)];
}

/** The bins a manifest declares, by command name (`bin: "x.js"` names the command after the package). */
function binsOf(pkg: { name: string; bin?: string | Record<string, string> }): Record<string, string> {
  if (!pkg.bin) return {};
  return typeof pkg.bin === "string" ? { [pkg.name.replace(/^@[^/]+\//, "")]: pkg.bin } : pkg.bin;
}

type ExportOutcome = { subpath: string; ok: boolean; detail: string };
async function importEveryExport(consumer: string, name = manifest.name): Promise<ExportOutcome[]> {
  const { stdout } = await run(process.execPath, ["check-exports.mjs", name], consumer);
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as ExportOutcome);
}

async function smoke(consumer: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, ["smoke.mjs", ...args], consumer);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { statuses: string[]; done: string[]; missing: unknown };
}

type CliRun = { code: number; stdout: string; stderr: string; junit: string | null };
/** The installed `alteryx-jobs` with these arguments, against the installed simulator (consumer/run-cli.mjs). */
async function alteryxJobs(folder: string, ...args: string[]): Promise<CliRun> {
  const { stdout } = await run(process.execPath, ["run-cli.mjs", ...args], folder);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as CliRun;
}
const conformance = (folder: string) =>
  alteryxJobs(folder, "conformance", "--workflow-id", "{workflowId}", "--junit", "report.xml");

/** The packages a one-line install message names, after `npm install --save-dev`. */
function packagesToInstall(message: string): string[] {
  const [, specs] = /Install with: npm install --save-dev (.+)$/.exec(message.trim()) ?? [];
  if (!specs) throw new Error(`no install command in: ${message}`);
  return specs.split(" ");
}

/** Type-checks the consumer with one of the tsconfigs written in beforeAll; returns tsc's diagnostics. */
async function typeCheck(consumer: string, config: string): Promise<string> {
  try {
    await run(process.execPath, [tsc, "-p", config, "--pretty", "false"], consumer);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

let work: string;
/** A developer's project (the library, then the simulator) and an admin's folder (the command line). */
let consumer: string;
let admin: string;
const tarballs = {} as Record<PackageName, string>;
const packed = {} as Record<PackageName, { files: { path: string }[] }>;
let libraryAlone: { names: string[]; bytes: number };
const installWarnings: Record<string, string[]> = {};

/** A new folder with a package.json as `npm init` makes it, but an ES module project as the READMEs say. */
function newProject(name: string): string {
  const folder = join(work, name);
  cpSync(fixtures, folder, { recursive: true });
  writeFileSync(join(folder, "package.json"), `${JSON.stringify({ name, private: true, type: "module" }, null, 2)}\n`);
  return folder;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "alteryx-jobs-api-pack-"));
  // The library first: the simulator and the command line compile against its built types.
  for (const name of Object.keys(FOLDERS) as PackageName[]) {
    // --json: the lifecycle output (prepack's build) goes to stderr, the report to stdout.
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], join(root, FOLDERS[name]));
    const [report] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
    packed[name] = report;
    tarballs[name] = join(work, report.filename);
  }

  consumer = newProject("consumer");
  writeTsconfigs(consumer);
  const library = await run("npm", ["install", tarballs.library, ...NPM_FLAGS], consumer);
  installWarnings.library = warnings(library.stderr);
  libraryAlone = installedPackages(consumer);
  const simulator = await run("npm", ["install", "--save-dev", tarballs.simulator, ...NPM_FLAGS], consumer);
  installWarnings.simulator = warnings(simulator.stderr);

  admin = newProject("admin");
  const cli = await run("npm", ["install", tarballs.library, tarballs.simulator, tarballs.cli, ...NPM_FLAGS], admin);
  installWarnings.cli = warnings(cli.stderr);
}, 8 * MINUTES);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * tsconfigs for a Node consumer (NodeNext, then bundler resolution) and a browser one; exports.ts imports every typed
 * export.
 */
function writeTsconfigs(dir: string) {
  // skipLibCheck false checks the package's declarations (and @types/node); TypeScript's own lib files are not ours.
  const base = {
    target: "ES2022",
    strict: true,
    noUncheckedIndexedAccess: true,
    resolveJsonModule: true,
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    noEmit: true,
  };
  // Node's types come from this repository's @types/node (the consumer folder has no @types of its own).
  const node = { ...base, lib: ["ES2022", "DOM"], typeRoots: [join(root, "node_modules/@types")], types: ["node"] };
  const configs = {
    "tsconfig.node.json": {
      compilerOptions: { ...node, module: "NodeNext", moduleResolution: "NodeNext" },
      files: ["usage.ts", "exports.ts"],
    },
    "tsconfig.bundler.json": {
      compilerOptions: { ...node, module: "Preserve", moduleResolution: "Bundler" },
      files: ["usage.ts", "exports.ts"],
    },
    "tsconfig.browser.json": {
      compilerOptions: {
        ...base,
        lib: ["ES2022", "DOM", "DOM.Iterable"],
        types: [],
        module: "Preserve",
        moduleResolution: "Bundler",
      },
      files: ["browser.ts"],
    },
  };
  for (const [name, config] of Object.entries(configs))
    writeFileSync(join(dir, name), `${JSON.stringify(config, null, 2)}\n`);
  const typed = [manifest, manifestOf("simulator")].flatMap((pkg) =>
    Object.entries(pkg.exports)
      .filter(([, target]) => typeof target === "object" && "types" in target)
      .map(([subpath]) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`)),
  );
  const imports = typed.map((specifier, i) => `import type * as e${i} from "${specifier}";`);
  writeFileSync(
    join(dir, "exports.ts"),
    `${imports.join("\n")}\nexport type Everything = [${typed.map((_, i) => `typeof e${i}`).join(", ")}];\n`,
  );
}

/** What each tarball ships: its build, README and LICENSE, and no sources or tests, and no file twice. */
function expectShipped(name: PackageName, folder: string, mustHave: string[]) {
  const paths = packed[name].files.map((f) => f.path).sort();
  expect(paths).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", ...mustHave]));
  const installed = join(folder, "node_modules", manifestOf(name).name);
  expect(readFileSync(join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License/);
  expect(
    paths.filter((p) => /(^|\/)(test|spec|node_modules)\/|^src\//.test(p) || (/\.ts$/.test(p) && !/\.d\.ts$/.test(p))),
  ).toEqual([]);
  const byHash = new Map<string, string[]>();
  // A type-only module compiles to the same empty module (`export {};`): not a copy of anything.
  for (const file of filesUnder(installed).filter((f) => readFileSync(f, "utf8").trim() !== "export {};")) {
    const hash = createHash("sha256").update(readFileSync(file)).digest("hex");
    byHash.set(hash, [...(byHash.get(hash) ?? []), relative(installed, file)]);
  }
  expect([...byHash.values()].filter((same) => same.length > 1)).toEqual([]);
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  expect(manifestTargets(pkg).filter((target) => !existsSync(join(installed, target)))).toEqual([]);
  return paths;
}

describe("the library: npm install <tarball> into an empty project", () => {
  it("installs without a warning and adds at most 3 packages (today: itself alone)", () => {
    expect(installWarnings.library).toEqual([]);
    console.log(
      `package test: the library alone installs ${libraryAlone.names.length} packages ` +
        `(${libraryAlone.names.join(", ")}), ${(libraryAlone.bytes / 1024).toFixed(0)} KiB on disk`,
    );
    expect(libraryAlone.names).toContain("alteryx-jobs-api");
    expect(libraryAlone.names.length).toBeLessThanOrEqual(LIBRARY_PACKAGE_BUDGET);
  });

  it("has no runtime dependency; no published package pins an exact version", () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const name of Object.keys(FOLDERS) as PackageName[])
      for (const [dependency, range] of Object.entries(manifestOf(name).dependencies ?? {}))
        expect(range, `${name} → ${dependency}`).toMatch(/^\^\d/);
  });

  it("ships the build, the spec once, README and LICENSE, and no sources or tests", () => {
    const paths = expectShipped("library", consumer, ["generated/openapi.yaml", "dist/src/index.js"]);
    expect(paths.filter((p) => /openapi\.(json|ya?ml)$/.test(p))).toHaveLength(2); // one YAML, one JSON
    expect(paths.filter((p) => /^dist\/(cli|simulator)\//.test(p))).toEqual([]);
  });

  it("imports every export; without ajv, /validate says how to install it", async () => {
    const outcomes = await importEveryExport(consumer);
    expect(outcomes.map((o) => o.subpath)).toEqual(Object.keys(manifest.exports));
    const validate = outcomes.find((o) => o.subpath === "./validate")!;
    expect(validate).toMatchObject({ ok: false, detail: expect.stringContaining("npm i ajv ajv-formats") });
    expect(validate.detail).toMatch(
      /^alteryx-jobs-api\/validate needs its optional peer dependencies ajv and ajv-formats/,
    );
    expect(outcomes.filter((o) => !o.ok && o !== validate)).toEqual([]);
  });

  it("runs a first program: the client against the simulator, over loopback", async () => {
    const seen = await smoke(consumer);
    expect(seen).toEqual({ statuses: expect.any(Array), done: ["Completed", "Error"], missing: ["http", 404] });
    expect(seen.statuses.length).toBeGreaterThan(0);
    expect(seen.statuses.filter((status) => status !== "Queued" && status !== "Running")).toEqual([]);
  });

  it(
    "type-checks a Node consumer with skipLibCheck: false (NodeNext and bundler resolution)",
    async () => {
      expect(await typeCheck(consumer, "tsconfig.node.json")).toBe("");
      expect(await typeCheck(consumer, "tsconfig.bundler.json")).toBe("");
    },
    3 * MINUTES,
  );

  it(
    "type-checks a browser consumer of the core and the validator without Node's types",
    async () => {
      expect(await typeCheck(consumer, "tsconfig.browser.json")).toBe("");
    },
    3 * MINUTES,
  );

  describe("at the lowest versions its ranges allow", () => {
    it(
      "with the optional peers ajv and ajv-formats at their lowest, /validate imports and checks responses",
      async () => {
        const peers = await Promise.all(
          ["ajv", "ajv-formats"].map(
            async (name) => `${name}@${await lowestOf(name, manifest.peerDependencies?.[name])}`,
          ),
        );
        console.log(`package test: the optional peers at their lowest: ${peers.join(", ")}`);
        const install = await run("npm", ["install", ...peers, ...NPM_FLAGS], consumer);
        expect(warnings(install.stderr)).toEqual([]);
        expect((await importEveryExport(consumer)).filter((o) => !o.ok)).toEqual([]);
        expect(await smoke(consumer, "--validate")).toMatchObject({
          done: ["Completed", "Error"],
          missing: ["http", 404],
        });
      },
      3 * MINUTES,
    );
  });
});

describe("the simulator: npm install --save-dev <tarball> in a project that has the library", () => {
  const simulator = manifestOf("simulator");

  it("installs without a warning; ships its build and no sources", () => {
    expect(installWarnings.simulator).toEqual([]);
    expectShipped("simulator", consumer, ["dist/index.js", "dist/index.d.ts"]);
    expect(simulator.dependencies).toEqual({ "alteryx-jobs-api": `^${manifest.version}` });
  });

  it("imports every export", async () => {
    const outcomes = await importEveryExport(consumer, simulator.name);
    expect(outcomes.map((o) => o.subpath)).toEqual(Object.keys(simulator.exports));
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  });

  it("starts a simulator from a six-line script, which answers a Curator's list of jobs", async () => {
    expect(readFileSync(join(consumer, "start-simulator.mjs"), "utf8").trim().split("\n")).toHaveLength(6);
    const { stdout } = await run(process.execPath, ["start-simulator.mjs"], consumer);
    expect(stdout.trim()).toBe("200 3");
  });

  it("runs its own command, alteryx-jobs-simulator --help", async () => {
    const [[name, target]] = Object.entries(binsOf(simulator)) as [[string, string]];
    expect(readFileSync(join(consumer, "node_modules", simulator.name, target), "utf8")).toMatch(
      /^#!\/usr\/bin\/env node/,
    );
    const { stdout } = await run(join(consumer, "node_modules/.bin", name), ["--help"], consumer);
    expect(stdout).toMatch(/^usage: alteryx-jobs-simulator/m);
  });
});

describe("the command line: npm install <tarball> (with the library's and the simulator's) into an empty folder", () => {
  const cli = manifestOf("cli");

  it("installs without a warning; ships its build and no sources; depends on the others by caret ranges", () => {
    expect(installWarnings.cli).toEqual([]);
    expectShipped("cli", admin, ["dist/main.js"]);
    expect(cli.dependencies).toMatchObject({
      "alteryx-jobs-api": `^${manifest.version}`,
      "alteryx-jobs-simulator": `^${manifestOf("simulator").version}`,
    });
  });

  it("alteryx-jobs --version is the command line's own version, and list runs against the simulator", async () => {
    const version = await alteryxJobs(admin, "--version");
    expect(version.stdout.trim()).toBe(cli.version);
    const list = await alteryxJobs(admin, "list", "--json", "--limit", "5");
    expect(list.code, list.stderr).toBe(0);
    const page = JSON.parse(list.stdout) as { data: unknown[]; pagination: { totalItems: number } };
    expect(page.data).toHaveLength(5);
    expect(page.pagination.totalItems).toBe(50);
  });

  describe("alteryx-jobs conformance, with Prism installed next to the package as its message says", () => {
    const pinned = (name: string) => `${name}@${cli.devDependencies[name]}`;
    const prism = Object.keys(cli.devDependencies)
      .filter((name) => name.startsWith("@stoplight/prism-"))
      .map(pinned);
    const oneLine = (r: CliRun) => {
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^alteryx-jobs: error: conformance checks every exchange through Prism/);
      return r.stderr;
    };

    it(
      "without Prism: exit 2 and one line naming Prism, with the command that installs it and its pinned companions",
      async () => {
        expect(Object.keys(cli.dependencies)).toEqual(expect.arrayContaining(["ajv", "ajv-formats"]));
        const r = await conformance(admin);
        expect(r.code).toBe(2);
        expect(oneLine(r)).toMatch(/not installed: Prism \(@stoplight\/prism-cli\)\. /);
        expect(packagesToInstall(r.stderr)).toEqual(prism);
      },
      MINUTES,
    );

    it(
      "after the install command it printed (from npm's cache): runs against the installed simulator, exit 0",
      async () => {
        const { stderr } = await conformance(admin);
        const install = await run("npm", ["install", "--save-dev", ...packagesToInstall(stderr), ...NPM_FLAGS], admin);
        expect(warnings(install.stderr)).toEqual([]);
        // Prism runs on the pinned companions (one copy each, not a newer one nested under Prism).
        for (const spec of prism) {
          const name = spec.slice(0, spec.lastIndexOf("@"));
          expect(`${name}@${installedVersion(admin, name)}`).toBe(spec);
        }
        expect(existsSync(join(admin, "node_modules/@stoplight/prism-cli/node_modules/@stoplight/prism-core"))).toBe(
          false,
        );
        const r = await conformance(admin);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^Conformance of http:\/\/127\.0\.0\.1:\d+\/webapi to the alteryx-jobs-api spec/m);
        expect(r.stdout).toMatch(/^\s*[1-9]\d* passed, 0 failed, \d+ skipped, 0 violations$/m);
        expect(r.junit).toMatch(/^<\?xml[^>]*>\s*<testsuites/);
      },
      3 * MINUTES,
    );
  });
});
