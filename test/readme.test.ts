/** The README's code is the examples/ files, which CI type-checks: each marked block must match its file. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)].map((m) => ({
  file: m[1]!,
  code: m[2]!,
}));

describe("README examples", () => {
  it("shows every example file", () => {
    expect(blocks.map((b) => b.file).sort()).toEqual(
      [
        "custom-ca.ts",
        "every-method.ts",
        "handle-errors.ts",
        "quick-start.ts",
        "simulator.ts",
        "token-auth.ts",
        "validate-responses.ts",
      ].map((f) => `examples/${f}`),
    );
  });
  it.each(blocks)("$file is shown as it is", ({ file, code }) => {
    expect(code).toBe(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));
  });
});
