/** The library runs in browsers too: nothing in src/ may import a Node built-in. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dir = new URL("../../src/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("src/ is portable", () => {
  it.each(files)("%s imports no Node built-in", (file) => {
    const imports = [...readFileSync(new URL(file, dir), "utf8").matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
    const builtins = ["fs", "http", "https", "net", "util", "crypto", "path", "url", "stream", "os", "child_process", "buffer"];
    expect(imports.filter((i) => i.startsWith("node:") || builtins.includes(i))).toEqual([]);
  });
});
