// The release gate for the wire contract (`npm run check:spec-diff`): rates every change between the last
// released bundle (spec/releases/<newest>/openapi.yaml) and today's (generated/openapi.yaml) with `redocly diff`
// and the diff rules of redocly-diff.yaml, and fails when that needs a bigger version than the packages carry.
//   node scripts/check-spec-diff.mjs [--markdown FILE] [--root DIR]
// Rules (docs/versioning.md): info.version is the library's version; the library, once its pending changesets
// are applied, is at least the version the change requires; the other packages' ranges take today's library.
// Why not `redocly diff --check-version`: it reads info.version alone, so it sees neither a pending changeset nor
// the release's number (0.1.0's bundle said 3.0.0, the server API's version). The same rule is applied here, with
// the same reading below 1.0 (a breaking change needs a minor bump).
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { existsSync, readFileSync } from "node:fs";
import { compareVersions, requiredVersion, satisfiesCaret } from "./release/semver.mjs";
import { specDiff } from "./release/spec-diff.mjs";
import { packageVersions, releasedBundles } from "./release/versions.mjs";

const { values } = parseArgs({ options: { markdown: { type: "string" }, root: { type: "string" } } });
const root = values.root ?? fileURLToPath(new URL("..", import.meta.url));
const problems = [];

const baseline = releasedBundles(root).at(-1);
if (!baseline) throw new Error(`no released bundle under ${join(root, "spec/releases")}`);
const revision = join(root, "generated/openapi.yaml");
const report = specDiff(baseline.file, revision, {
  config: join(root, "redocly-diff.yaml"),
  markdown: values.markdown,
});
const { major, minor, patch } = report.summary;
const required = requiredVersion(baseline.version, report.bump);
console.log(
  `spec/releases/${baseline.version} → generated/openapi.yaml: ${major} major, ${minor} minor, ${patch} patch`,
);
console.log(`needs: ${report.bump ?? "no"} bump → at least ${required}`);

const versions = packageVersions(root);
const library = versions["alteryx-jobs-api"];
const infoVersion = String(parse(readFileSync(revision, "utf8")).info.version);
for (const [name, { version, next, pending }] of Object.entries(versions)) {
  console.log(`carries: ${name} ${version}${pending ? ` (${next} with its pending ${pending} changeset)` : ""}`);
}
console.log(`carries: info.version ${infoVersion}`);

if (infoVersion !== library.version)
  problems.push(`info.version is ${infoVersion} but alteryx-jobs-api is ${library.version}: they are one number`);
if (compareVersions(library.next, required) < 0)
  problems.push(
    `alteryx-jobs-api ${library.next} is below ${required}: these changes need a ${report.bump} bump since ` +
      `${baseline.version}. Add a changeset (npx changeset) and run npm run version-packages, or bump ` +
      `package.json and info.version, then add the CHANGELOG entry`,
  );
// The version's changelog entry: a pending changeset is one (changeset version writes it into CHANGELOG.md).
const changelog = join(root, "CHANGELOG.md");
const hasEntry = existsSync(changelog) && readFileSync(changelog, "utf8").split("\n").includes(`## ${library.version}`);
if (report.bump && !library.pending && compareVersions(library.version, baseline.version) > 0 && !hasEntry)
  problems.push(`CHANGELOG.md has no "## ${library.version}" entry: say what changed for users and what to do`);
for (const [name, { manifest }] of Object.entries(versions)) {
  for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
    const target = versions[dependency];
    if (target && !satisfiesCaret(target.version, range))
      problems.push(`${name} depends on ${dependency}@${range}, which excludes its version ${target.version}`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`✖ ${problem}`);
  process.exit(1);
}
console.log("✔ the versions carry the change");
