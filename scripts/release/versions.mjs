// The versions a change can carry: each package's package.json, the bundle's info.version, and the bumps that
// pending changesets (.changeset/*.md, not yet applied by `changeset version`) will make.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { compareVersions, higherBump, increment } from "./semver.mjs";

export const packageDirs = { "alteryx-jobs-api": ".", "alteryx-jobs-simulator": "simulator", "alteryx-jobs": "cli" };

export const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** Every released bundle under spec/releases/<version>/openapi.yaml, oldest first. */
export function releasedBundles(root) {
  const dir = join(root, "spec/releases");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "openapi.yaml")))
    .map((entry) => ({ version: entry.name, file: join(dir, entry.name, "openapi.yaml") }))
    .sort((a, b) => compareVersions(a.version, b.version));
}

/** The bump each package has pending in .changeset/*.md: { "alteryx-jobs-api": "minor", ... }. */
export function pendingBumps(root) {
  const dir = join(root, ".changeset");
  const bumps = {};
  if (!existsSync(dir)) return bumps;
  for (const name of readdirSync(dir).filter((file) => file.endsWith(".md") && file !== "README.md")) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, name), "utf8"));
    for (const [pkg, bump] of Object.entries(parse(front?.[1] ?? "") ?? {})) bumps[pkg] = higherBump(bumps[pkg], bump);
  }
  return bumps;
}

/** Each package's version now, and the version it will have once its pending changesets are applied. */
export function packageVersions(root) {
  const pending = pendingBumps(root);
  return Object.fromEntries(
    Object.entries(packageDirs).map(([name, dir]) => {
      const manifest = readJson(join(root, dir, "package.json"));
      const next = pending[name] ? increment(manifest.version, pending[name]) : manifest.version;
      return [name, { manifest, version: manifest.version, next, pending: pending[name] }];
    }),
  );
}
