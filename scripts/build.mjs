// `npm run build` (all three packages, the library first: the others compile against its built types, as a
// user's install does) or `node scripts/build.mjs <library|simulator|cli>` (one, as each package's `prepack`
// runs it). Each package's dist/ is made from scratch, so that nothing stale is packed.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (...path) => join(root, ...path);

const packages = {
  library: {
    dir: ".",
    // tsc re-emits the imported openapi.json re-indented (a bigger second copy of the spec): copied as it is.
    after: () => {
      for (const file of ["openapi.json", "schema.d.ts"])
        copyFileSync(at("generated", file), at("dist/generated", file));
    },
  },
  simulator: { dir: "simulator", bin: "dist/cli.js" },
  cli: { dir: "cli", bin: "dist/main.js" },
};

const chosen = process.argv.slice(2);
for (const name of chosen.length > 0 ? chosen : Object.keys(packages)) {
  const pkg = packages[name];
  if (!pkg) throw new Error(`build: no package '${name}' (one of ${Object.keys(packages).join(", ")})`);
  rmSync(at(pkg.dir, "dist"), { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [at("node_modules/typescript/bin/tsc"), "-p", at(pkg.dir, "tsconfig.build.json")],
    {
      cwd: at(pkg.dir),
      stdio: "inherit",
    },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  pkg.after?.();
  // A bin is executable, as npm links it.
  if (pkg.bin) chmodSync(at(pkg.dir, pkg.bin), 0o755);
}
