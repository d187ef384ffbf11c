/**
 * Runs the type tests (test/**\/*.test-d.ts: expectTypeOf and @ts-expect-error) with the TypeScript compiler.
 * Vitest's own typecheck mode would do the same but prints an "experimental feature" banner on every run.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));

it("the type tests compile: every expectTypeOf holds and every @ts-expect-error is needed", { timeout: 120_000 }, async () => {
  const output = await new Promise<string>((resolve) =>
    execFile(process.execPath, [tsc, "-p", "test/tsconfig.types.json", "--noEmit", "--pretty", "false"], { cwd: root }, (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}` || String(error) : ""),
    ),
  );
  expect(output).toBe("");
});
