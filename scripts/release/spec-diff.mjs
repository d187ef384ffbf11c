// One call of `redocly diff` (the pinned @redocly/cli of the project), shared by the release gate and its tests.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const redocly = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");

/**
 * Runs `redocly diff base revision` with the diff rules of `config` (a redocly.yaml) and returns its JSON report:
 * `{ bump, summary: { major, minor, patch }, infoVersions, changes }`. With `markdown`, also writes Redocly's
 * markdown report there (the draft of a changelog's wire-contract section).
 */
export function specDiff(base, revision, { config, markdown } = {}) {
  const run = (format, extra = []) => {
    const args = [redocly, "diff", base, revision, "--format", format, "--fail-on", "none", ...extra];
    if (config) args.push("--config", config);
    const result = spawnSync(process.execPath, args, {
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
    });
    if (result.status !== 0) throw new Error(`redocly diff failed (exit ${result.status}):\n${result.stderr}`);
    // Without diff rules Redocly rates every change minor or patch and misses every breaking one: refuse that.
    if (/No diff rules are on/.test(result.stderr))
      throw new Error(`redocly diff ran without diff rules:\n${result.stderr}`);
    return result.stdout;
  };
  const report = JSON.parse(run("json"));
  if (markdown) run("markdown", ["--output", markdown]);
  return report;
}
