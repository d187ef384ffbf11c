/**
 * The adapter to the project's other programs, both called in this process: the simulator's command and the
 * conformance run (`runConformance` of cli/src/conformance, built into dist/ and shipped with the package).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CliError, EXIT } from "./exit-codes.js";
import type { Progress } from "./progress.js";

const requireHere = createRequire(import.meta.url);
/** The command line's package.json: one level up from src/ (a clone, through tsx) and from dist/ (built). */
const packageJson = new URL("../package.json", import.meta.url);

export interface SimulatorArgs {
  port?: number;
  host?: string;
  jobs?: number;
  seed?: string;
  timeScale?: number;
  start?: string;
  tokenLifetime?: number;
  quirk?: string[];
}

/** The simulator's own command, in this process (loaded only for this command). */
export async function runSimulator(options: SimulatorArgs): Promise<number> {
  const { runSimulatorCommand } = await import("alteryx-jobs-simulator");
  const { quirk, ...values } = options;
  const names = { timeScale: "time-scale", tokenLifetime: "token-lifetime" } as Record<string, string>;
  const args = Object.entries(values).flatMap(([name, value]) =>
    value === undefined ? [] : [`--${names[name] ?? name}`, String(value)],
  );
  return runSimulatorCommand([...args, ...(quirk ?? []).flatMap((q) => ["--quirk", q])]);
}

export interface ConformanceArgs {
  target: string;
  clientId: string;
  clientSecret: string;
  /** An Artisan's key as well, for the profile (how Curator-only operations refuse it). */
  artisan?: { clientId: string; clientSecret: string };
  /** With a workflow id, the scenarios that queue and cancel (their own) jobs run too. */
  writesWithWorkflow?: string;
  /** Where the run shows how far it is (a spinner line on a terminal, cleared before the report). */
  progress?: Progress;
  /** Also write the report as JSON, or as JUnit XML, to these files. */
  json?: string;
  junit?: string;
}

interface Manifest {
  devDependencies?: Record<string, string>;
}

/**
 * What `conformance` needs beyond the package's dependencies, by the module it loads, with the packages that
 * install it at the versions the package is tested with (its own package.json). Prism is a devDependency (tens of
 * megabytes, for this command only); 5.14.2 takes prism-core and prism-http-server by caret ranges whose newest
 * releases need Node 24, so the command line's devDependencies pin them too (and the repository's root `overrides`
 * holds them there); they are installed next to Prism, and npm's resolution gives them to Prism. The validator's
 * peers, ajv and ajv-formats, are dependencies of the command line (the MCP SDK brings them too).
 */
export function conformanceNeeds(manifest: Manifest): { module: string; install: string[] }[] {
  const at = (name: string, version: string | undefined) => {
    if (!version) throw new Error(`package.json pins no version of ${name}`);
    return `${name}@${version}`;
  };
  const dev = manifest.devDependencies ?? {};
  const prismPins = Object.entries(dev).filter(
    ([name]) => name.startsWith("@stoplight/prism-") && name !== "@stoplight/prism-cli",
  );
  return [
    {
      module: "@stoplight/prism-cli/dist/index.js",
      install: [
        at("@stoplight/prism-cli", dev["@stoplight/prism-cli"]),
        ...prismPins.map(([name, version]) => at(name, version)),
      ],
    },
  ];
}

/** The packages to install before `conformance` can run, none when all are there. */
export function missingForConformance(
  manifest: Manifest = JSON.parse(readFileSync(packageJson, "utf8")),
  resolve: (id: string) => string = requireHere.resolve,
): string[] {
  return conformanceNeeds(manifest).flatMap(({ module, install }) => {
    try {
      resolve(module);
      return [];
    } catch {
      return install;
    }
  });
}

/** The one line that says what is missing and the exact command that installs it. */
export function installLine(missing: readonly string[]): string {
  const names = missing.map((spec) => spec.slice(0, spec.lastIndexOf("@")));
  // Prism's pinned companions come with it in the command; the words name Prism alone.
  const what = names.includes("@stoplight/prism-cli") ? "Prism (@stoplight/prism-cli)" : names.join(", ");
  return (
    `conformance checks every exchange through Prism; not installed: ${what}. ` +
    `Install with: npm install --save-dev ${missing.join(" ")}`
  );
}

/**
 * The conformance run in this process: the text report on stdout, progress on stderr, `--json`/`--junit` files;
 * resolves with the run's own exit code (0 nothing failed, 1 a failure or violation, 2 it could not run).
 */
export async function runConformance(options: ConformanceArgs): Promise<number> {
  const missing = missingForConformance();
  if (missing.length > 0) throw new CliError(installLine(missing), EXIT.usage);
  // The same relative path from src/runners.ts (a clone, through tsx) and from dist/runners.js (built).
  let conformance: typeof import("./conformance/index.js");
  try {
    conformance = await import("./conformance/index.js");
  } catch (error) {
    // Loading fails only when an installation is incomplete (the validator's peers): say so in one line.
    throw new CliError(`the conformance run could not load: ${(error as Error).message.split("\n")[0]}`, EXIT.usage);
  }
  const run = await conformance.runConformance({
    target: options.target,
    credentials: { clientId: options.clientId, clientSecret: options.clientSecret },
    ...(options.artisan ? { artisanCredentials: options.artisan } : {}),
    allowWrites: options.writesWithWorkflow !== undefined,
    ...(options.writesWithWorkflow ? { workflowId: options.writesWithWorkflow } : {}),
    // One line that moves, not one line per scenario: the report lists every scenario once, just after.
    onProgress: (line) => options.progress?.update(`conformance… ${line}`),
  });
  options.progress?.stop();
  process.stdout.write(conformance.formatText(run));
  const reports = [
    [options.json, conformance.toJson],
    [options.junit, conformance.toJUnit],
  ] as const;
  for (const [file, render] of reports) {
    if (!file) continue;
    try {
      writeFileSync(file, render(run));
    } catch (error) {
      throw new CliError(`could not write the report to ${file}: ${(error as Error).message}`, EXIT.usage);
    }
  }
  return run.exitCode;
}
