/** The library runs in browsers too: nothing in src/ may import a Node built-in, in any form of import. */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";

const dir = new URL("../../src/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Every module a file names: `from "x"` (static and type), `import "x"` (side effect), `import("x")`, `require("x")`. */
function importedModules(source: string): string[] {
  const forms = [
    /\bfrom\s+["']([^"']+)["']/g,
    /\bimport\s+["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']/g,
    /\brequire\s*\(\s*["']([^"']+)["']/g,
  ];
  return forms.flatMap((form) => [...source.matchAll(form)].map((m) => m[1]!));
}

const isBuiltin = (name: string) => name.startsWith("node:") || builtins.has(name) || builtins.has(name.split("/")[0]!);

describe("src/ is portable", () => {
  it("the import finder sees every form of import", () => {
    const source = [
      'import { a } from "node:fs";',
      'import type { B } from "stream";',
      'import "node:process";',
      'const c = await import("node:os");',
      'const d = require("path");',
      'export * from "fs/promises";',
    ].join("\n");
    expect(importedModules(source).filter(isBuiltin).sort()).toEqual([
      "fs/promises",
      "node:fs",
      "node:os",
      "node:process",
      "path",
      "stream",
    ]);
  });

  it.each(files)("%s imports no Node built-in", (file) => {
    const imports = importedModules(readFileSync(new URL(file, dir), "utf8"));
    expect(imports.filter(isBuiltin)).toEqual([]);
  });
});
