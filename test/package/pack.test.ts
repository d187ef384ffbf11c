/**
 * The package as a user gets it before it is published: `npm pack` (whose `prepack` builds dist/), then
 * `npm install <tarball>` into an empty folder, from npm's cache or the registry like any install. There,
 * every entry of `exports` is imported, every `bin` is run, a first program runs the client against the
 * simulator over loopback, and consumers are type-checked with `skipLibCheck: false` (Node with NodeNext
 * and with bundler resolution, and a browser app without Node's types).
 *
 * Dependency ranges are tried at both ends: a plain install takes the newest version each range allows;
 * the lowest ones (`openapi-fetch`, and the optional peers `ajv` and `ajv-formats`) are then installed on
 * purpose and the same checks run again. The repository's own tests run on the versions the lockfile pins.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./consumer", import.meta.url));
const tsc = join(root, "node_modules/typescript/bin/tsc");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  bin?: string | Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
};
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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

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
async function importEveryExport(consumer: string): Promise<ExportOutcome[]> {
  const { stdout } = await run(process.execPath, ["check-exports.mjs"], consumer);
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
/** `alteryx-jobs conformance` in the consumer, against the installed simulator (consumer/conformance.mjs). */
async function conformance(consumer: string): Promise<CliRun> {
  const { stdout } = await run(process.execPath, ["conformance.mjs"], consumer);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as CliRun;
}

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
let consumer: string;
let tarball: string;
let packed: { files: { path: string }[] };
let installWarnings: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "alteryx-jobs-api-pack-"));
  // --json: the lifecycle output (prepack's build) goes to stderr, the report to stdout.
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], root);
  [packed] = JSON.parse(stdout) as [typeof packed & { filename: string }];
  tarball = join(work, (packed as typeof packed & { filename: string }).filename);

  consumer = join(work, "consumer");
  cpSync(fixtures, consumer, { recursive: true });
  writeFileSync(
    join(consumer, "package.json"),
    `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  writeTsconfigs(consumer);
  const install = await run("npm", ["install", tarball, ...NPM_FLAGS], consumer);
  installWarnings = warnings(install.stderr);
}, 5 * MINUTES);

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
  const typed = Object.entries(manifest.exports).filter(
    ([, target]) => typeof target === "object" && "types" in target,
  );
  const imports = typed.map(
    ([subpath], i) =>
      `import type * as e${i} from "${subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`}";`,
  );
  writeFileSync(
    join(dir, "exports.ts"),
    `${imports.join("\n")}\nexport type Everything = [${typed.map((_, i) => `typeof e${i}`).join(", ")}];\n`,
  );
}

describe("npm pack, then npm install <tarball> into an empty folder", () => {
  const installed = () => join(consumer, "node_modules", manifest.name);

  it("installs without a warning", () => {
    expect(installWarnings).toEqual([]);
    expect(existsSync(installed())).toBe(true);
  });

  it("ships the build, the spec once, README and LICENSE, and no sources or tests", () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining(["LICENSE", "README.md", "package.json", "generated/openapi.yaml", "dist/src/index.js"]),
    );
    expect(readFileSync(join(installed(), "LICENSE"), "utf8")).toMatch(/^MIT License/);
    expect(
      paths.filter((p) => /(^|\/)(test|spec|node_modules)\//.test(p) || (/\.ts$/.test(p) && !/\.d\.ts$/.test(p))),
    ).toEqual([]);
    // No file twice (tsc used to re-emit the bundled spec beside the copy in generated/).
    const byHash = new Map<string, string[]>();
    for (const file of filesUnder(installed())) {
      const hash = createHash("sha256").update(readFileSync(file)).digest("hex");
      byHash.set(hash, [...(byHash.get(hash) ?? []), relative(installed(), file)]);
    }
    expect([...byHash.values()].filter((same) => same.length > 1)).toEqual([]);
    const specs = paths.filter((p) => /openapi\.(json|ya?ml)$/.test(p));
    expect(specs).toHaveLength(2); // one YAML, one JSON
  });

  it("has every file its package.json points at", () => {
    const pkg = JSON.parse(readFileSync(join(installed(), "package.json"), "utf8"));
    const targets = manifestTargets(pkg);
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((target) => !existsSync(join(installed(), target)))).toEqual([]);
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

  const bins = Object.entries(binsOf(manifest));
  it.skipIf(bins.length === 0)(
    `runs every bin it declares (${bins.map(([name]) => name).join(", ") || "package.json declares none yet"})`,
    async () => {
      for (const [name, target] of bins) {
        expect(readFileSync(join(installed(), target), "utf8"), `${name} starts with a shebang`).toMatch(
          /^#!\/usr\/bin\/env node/,
        );
        const { stdout, stderr } = await run(join(consumer, "node_modules/.bin", name), ["--help"], consumer);
        expect(`${stdout}${stderr}`, `${name} --help`).toMatch(/\w/);
      }
    },
    MINUTES,
  );

  describe("alteryx-jobs conformance, with what it needs installed next to the package as its message says", () => {
    const pinned = (name: string) => `${name}@${manifest.devDependencies[name] ?? manifest.overrides?.[name]}`;
    const prism = ["@stoplight/prism-cli", ...Object.keys(manifest.overrides ?? {})].map(pinned);
    const validator = ["ajv", "ajv-formats"].map(pinned);
    const oneLine = (r: CliRun) => {
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^alteryx-jobs: error: conformance checks every exchange through Prism/);
      return r.stderr;
    };

    it(
      "without Prism, ajv and ajv-formats: exit 2 and one line with the command that installs all of them",
      async () => {
        const r = await conformance(consumer);
        expect(r.code).toBe(2);
        expect(oneLine(r)).toMatch(/not installed: Prism \(@stoplight\/prism-cli\), ajv, ajv-formats\. /);
        expect(packagesToInstall(r.stderr)).toEqual([...prism, ...validator]);
      },
      MINUTES,
    );

    it(
      "with ajv and ajv-formats but without Prism: exit 2 and one line naming Prism with its pinned companions",
      async () => {
        const install = await run("npm", ["install", "--save-dev", ...validator, ...NPM_FLAGS], consumer);
        expect(warnings(install.stderr)).toEqual([]);
        const r = await conformance(consumer);
        expect(r.code).toBe(2);
        expect(oneLine(r)).toMatch(/not installed: Prism \(@stoplight\/prism-cli\)\. /);
        expect(packagesToInstall(r.stderr)).toEqual(prism);
      },
      2 * MINUTES,
    );

    it(
      "after the install command it printed (from npm's cache): runs against the installed simulator, exit 0",
      async () => {
        const { stderr } = await conformance(consumer);
        const install = await run(
          "npm",
          ["install", "--save-dev", ...packagesToInstall(stderr), ...NPM_FLAGS],
          consumer,
        );
        expect(warnings(install.stderr)).toEqual([]);
        // Prism runs on the pinned companions (one copy each, not a newer one nested under Prism).
        for (const spec of prism) {
          const name = spec.slice(0, spec.lastIndexOf("@"));
          expect(`${name}@${installedVersion(consumer, name)}`).toBe(spec);
        }
        expect(existsSync(join(consumer, "node_modules/@stoplight/prism-cli/node_modules/@stoplight/prism-core"))).toBe(
          false,
        );
        const r = await conformance(consumer);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^Conformance of http:\/\/127\.0\.0\.1:\d+\/webapi to the alteryx-jobs-api spec/m);
        expect(r.stdout).toMatch(/^\s*[1-9]\d* passed, 0 failed, \d+ skipped, 0 violations$/m);
        expect(r.junit).toMatch(/^<\?xml[^>]*>\s*<testsuites/);
      },
      3 * MINUTES,
    );
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

    it(
      "with openapi-fetch at its lowest, everything above still works",
      async () => {
        const openapiFetch = await lowestOf("openapi-fetch", manifest.dependencies["openapi-fetch"]);
        console.log(
          `package test: openapi-fetch ${installedVersion(consumer, "openapi-fetch")} installed, lowest allowed ` +
            `${openapiFetch}`,
        );
        // A plain install took the newest version the range allows. When that is also the lowest (one version
        // in range), every test above ran on it already; otherwise install the lowest and run them again.
        if (installedVersion(consumer, "openapi-fetch") !== openapiFetch) {
          const install = await run("npm", ["install", `openapi-fetch@${openapiFetch}`, ...NPM_FLAGS], consumer);
          expect(warnings(install.stderr)).toEqual([]);
          expect((await importEveryExport(consumer)).filter((o) => !o.ok)).toEqual([]);
          expect(await smoke(consumer, "--validate")).toMatchObject({
            done: ["Completed", "Error"],
            missing: ["http", 404],
          });
          expect(await typeCheck(consumer, "tsconfig.node.json")).toBe("");
          expect(await typeCheck(consumer, "tsconfig.browser.json")).toBe("");
        }
        expect(installedVersion(consumer, "openapi-fetch")).toBe(openapiFetch);
      },
      3 * MINUTES,
    );
  });
});
