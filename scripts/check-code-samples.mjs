// Type-checks the TypeScript code samples shown in the docs (spec/code-samples/typescript/*.ts)
// against the client in src/, through spec/code-samples/tsconfig.json. Exits non-zero on any error.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
const run = spawnSync(process.execPath, [tsc, "-p", "spec/code-samples/tsconfig.json", "--pretty"], {
  cwd: root,
  stdio: "inherit",
});
if (run.status !== 0) {
  console.error("\nThe TypeScript code samples in spec/code-samples/typescript/ do not type-check against src/.");
  process.exit(run.status ?? 1);
}
console.log("code samples type-check");
