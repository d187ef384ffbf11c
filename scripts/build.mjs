// `npm run build`, also run by `npm pack` (prepack): dist/ for the package, from scratch, so that nothing stale
// is packed. tsc compiles what tsconfig.build.json includes; the bundled spec and the generated types are then
// copied as they are (tsc re-emits the imported openapi.json re-indented: a bigger second copy of the spec).
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (path) => join(root, path);

for (const dir of ["src", "node", "simulator", "generated", "cli", "scripts"])
  rmSync(at(`dist/${dir}`), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [at("node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
for (const file of ["openapi.json", "schema.d.ts"]) copyFileSync(at(`generated/${file}`), at(`dist/generated/${file}`));
// The command line is the package's bin: executable, as npm links it.
if (existsSync(at("dist/cli/main.js"))) chmodSync(at("dist/cli/main.js"), 0o755);
