// The public TypeScript surface of each package, as API Extractor reports it: one report per `exports`
// entry point that has types, committed under the package's api/ folder (api/<package>.api.md for ".",
// api/<package>-<subpath>.api.md for the others).
//   npm run api:report   rewrites the reports (after `npm run build`)
//   npm run check:api    fails when the built surface differs from a committed report
// The entry points come from each package.json's `exports`, so a new subpath gets a report without an edit here.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";

const root = fileURLToPath(new URL("..", import.meta.url));
const packageDirs = [".", "simulator", "cli"];
const update = process.argv.includes("--update");

/** Every exported subpath of a package that declares types: [{ subpath, types }]. */
export function typedEntryPoints(exportsField) {
  return Object.entries(exportsField ?? {}).flatMap(([subpath, target]) =>
    typeof target === "object" && target.types ? [{ subpath, types: target.types }] : [],
  );
}

/** The report's file name: the package name, and the subpath after a dash (./node → -node). */
export function reportName(packageName, subpath) {
  return subpath === "." ? packageName : `${packageName}-${subpath.replace(/^\.\//, "").replaceAll("/", "-")}`;
}

function extract(packageDir, pkg, entry) {
  const dir = join(root, packageDir);
  const entryFile = join(dir, entry.types);
  if (!existsSync(entryFile)) throw new Error(`${entryFile} is missing: run \`npm run build\` first`);
  const reportFolder = join(dir, "api");
  const tempFolder = join(root, ".ci-artifacts", "api-extractor");
  mkdirSync(reportFolder, { recursive: true });
  mkdirSync(tempFolder, { recursive: true });
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: dir,
      mainEntryPointFilePath: entryFile,
      compiler: { overrideTsconfig: { compilerOptions: { lib: ["ES2022", "DOM"], types: ["node"] } } },
      apiReport: {
        enabled: true,
        reportFileName: `${reportName(pkg.name, entry.subpath)}.api.md`,
        reportFolder,
        reportTempFolder: tempFolder,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The surface is what is reviewed here, not its doc comments or the release tags it does not use.
        extractorMessageReporting: {
          default: { logLevel: "none" },
          "ae-forgotten-export": { logLevel: "none" },
        },
        tsdocMessageReporting: { default: { logLevel: "none" } },
        compilerMessageReporting: { default: { logLevel: "warning" } },
      },
      newlineKind: "lf",
    },
    configObjectFullPath: join(dir, "api-extractor.json"),
    packageJsonFullPath: join(dir, "package.json"),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  return {
    name: config.reportFilePath.slice(root.length),
    changed: result.apiReportChanged,
    ok: result.succeeded,
    committed: config.reportFilePath,
    built: config.reportTempFilePath,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = 0;
  for (const packageDir of packageDirs) {
    const pkg = JSON.parse(readFileSync(join(root, packageDir, "package.json"), "utf8"));
    const entries = typedEntryPoints(pkg.exports);
    if (entries.length === 0)
      console.log(`${pkg.name}: no exports entry with types (only ${Object.keys(pkg.exports)})`);
    for (const entry of entries) {
      const { name, changed, ok, committed, built } = extract(packageDir, pkg, entry);
      if (update) console.log(`${changed ? "updated  " : "unchanged"} ${name}`);
      else if (!ok || changed) {
        failed++;
        console.error(`changed  ${name}: the public surface differs from the committed report`);
        // The change itself, as the review will see it once the report is updated.
        spawnSync("git", ["--no-pager", "diff", "--no-index", "--no-color", committed, built], { stdio: "inherit" });
      } else console.log(`ok       ${name}`);
    }
  }
  if (failed > 0) {
    console.error(
      `\n${failed} API report(s) out of date. Review the change, then run \`npm run api:report\` and commit.`,
    );
    process.exit(1);
  }
}
