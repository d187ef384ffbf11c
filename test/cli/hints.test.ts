/**
 * Every hint the command line prints names a flag or a variable that exists. Its texts are read from its sources
 * (every string and template literal of cli/src, and the simulator's banner as `alteryx-jobs simulator` prints it
 * from an installed package); each `--flag` must be an option of the commander program (any command) and each
 * variable one the command line reads. A hint that names the npm script's settings instead (`--target`,
 * `ALTERYX_ALLOW_WRITES`) sends an admin the wrong way: this test fails on it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../cli/src/program.js";
import { startSimulator } from "../../simulator/src/index.js";
import { startupLines } from "../../simulator/src/command.js";
import { root } from "./helpers.js";

const CLI_SOURCES = join(root, "cli/src");

/** Other programs' flags that the command line's texts name on purpose, with the program they belong to. */
const OTHER_PROGRAMS: Record<string, RegExp> = {
  "--save-dev": /npm install --save-dev/, // the install line for Prism
  "--errors": /prism proxy --errors|^--errors$/, // how the conformance run checks a server; Prism's argument
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The texts of a source file: its string literals and the literal parts of its templates. */
function textsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      texts.push(node.text);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return texts;
}

/** The environment variables the command line reads: `env.NAME`, `env["NAME"]`, and names taken from process.env. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(CLI_SOURCES)) {
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(/\benv(?:\.([A-Z_][A-Z0-9_]*)|\[\s*"([A-Z_][A-Z0-9_]*)"\s*\])/g))
      names.add(m[1] ?? m[2]!);
    for (const m of code.matchAll(/\{([^{}]*)\}\s*=\s*process\.env/g)) {
      for (const name of m[1]!.matchAll(/\b([A-Z_][A-Z0-9_]*)\s*:/g)) names.add(name[1]!);
    }
  }
  return names;
}

function flagsOf(program: Command): Set<string> {
  const flags = new Set(["--help", "--version"]);
  const walk = (command: Command) => {
    for (const option of command.options) if (option.long) flags.add(option.long);
    for (const sub of command.commands) walk(sub);
  };
  walk(program);
  return flags;
}

const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g;
const VARIABLE = /\b(?:ALTERYX_[A-Z0-9_]+|NO_COLOR|FORCE_COLOR|NODE_EXTRA_CA_CERTS)\b/g;

/** What a text names that does not exist, as "name (in: text)". */
function unknownNames(texts: readonly string[], flags: Set<string>, variables: Set<string>): string[] {
  return texts.flatMap((text) => [
    ...[...text.matchAll(FLAG)]
      .map((m) => m[0])
      .filter((flag) => !flags.has(flag) && !OTHER_PROGRAMS[flag]?.test(text))
      .map((flag) => `${flag} (in: ${text.trim().slice(0, 100)})`),
    ...[...text.matchAll(VARIABLE)]
      .map((m) => m[0])
      .filter((name) => !variables.has(name))
      .map((name) => `${name} (in: ${text.trim().slice(0, 100)})`),
  ]);
}

// Help for the whole program registers every command (the program loads one command's module otherwise).
const flags = flagsOf(await buildProgram(["--help"]));

describe("the hints of the command line", () => {
  const variables = variablesRead();

  it("knows the program's flags and the variables it reads (the lists this test checks against)", () => {
    for (const flag of ["--url", "--workflow-id", "--wait", "--offset", "--out", "--no-color"]) {
      expect(flags).toContain(flag);
    }
    for (const name of ["ALTERYX_BASE_URL", "ALTERYX_CLIENT_ID", "ALTERYX_TOKEN", "ALTERYX_ARTISAN_CLIENT_ID"]) {
      expect(variables).toContain(name);
    }
    expect(flags).not.toContain("--target");
    expect(variables).not.toContain("ALTERYX_ALLOW_WRITES");
  });

  it("name only flags and variables that exist, in every text of cli/src", () => {
    const texts = sourceFiles(CLI_SOURCES).flatMap(textsOf);
    expect(texts.length).toBeGreaterThan(500);
    expect(unknownNames(texts, flags, variables)).toEqual([]);
  });

  it("the simulator's banner, as an installed package prints it, names only what alteryx-jobs accepts", async () => {
    const sim = await startSimulator({ jobs: 5 });
    try {
      const lines = startupLines(sim, false);
      const command = lines.find((l) => /alteryx-jobs conformance/.test(l));
      expect(command).toMatch(/--workflow-id [0-9a-f]{24}$/);
      expect(lines.join("\n")).not.toMatch(/npm run/);
      expect(unknownNames(lines, flags, variables)).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it("the check itself finds a hint that names the npm script's settings", () => {
    const wrong = ["writes are off (set ALTERYX_ALLOW_WRITES=1 and ALTERYX_WORKFLOW_ID)", "is --target the API root?"];
    expect(unknownNames(wrong, flags, variables)).toHaveLength(3);
  });
});
