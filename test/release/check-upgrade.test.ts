/**
 * examples/ci/check-upgrade.sh, the CI step docs/regenerating.md gives consumers, run as a script (bash, npx, the
 * pinned Redocly CLI found in this repository's node_modules) on the fixture bundles.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

const repo = join(import.meta.dirname, "../..");
const script = join(repo, "examples/ci/check-upgrade.sh");
// Each check starts npx and Redocly (seconds each on a busy machine): room, never a measure of speed.
vi.setConfig({ testTimeout: 90_000 });

const fixture = (name: string) => join(import.meta.dirname, "fixtures", `${name}.yaml`);

function check(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("bash", [script, ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("check-upgrade.sh", () => {
  it("fails an upgrade that removes an operation, and says what to do", () => {
    const { code, stdout, stderr } = check([fixture("base"), fixture("remove-operation")]);
    expect(stdout).toContain("operation-removed");
    expect(stderr).toContain("Read the CHANGELOG.md entries");
    expect(code).toBe(1);
  });

  it("passes an upgrade that adds an operation", () => {
    const { code, stdout } = check([fixture("base"), fixture("add-operation")]);
    expect(stdout).toContain("0 major, 1 minor, 0 patch");
    expect(code).toBe(0);
  });

  it("fails on minor changes too with FAIL_ON=minor, and writes the markdown report", () => {
    const report = join(mkdtempSync(join(tmpdir(), "upgrade-")), "report.md");
    const { code } = check([fixture("base"), fixture("add-operation")], { FAIL_ON: "minor", REPORT: report });
    expect(code).toBe(1);
    expect(readFileSync(report, "utf8")).toContain("requires a **minor** bump");
  });

  it("reads Redocly's strict rules by default, the project's with DIFF_CONFIG", () => {
    const args = [fixture("base"), fixture("add-response-enum-value")];
    expect(check(args).code).toBe(1);
    expect(check(args, { DIFF_CONFIG: join(repo, "redocly-diff.yaml") }).code).toBe(0);
  });

  it("refuses a DIFF_CONFIG that turns no diff rule on (it would pass every break)", () => {
    const config = join(mkdtempSync(join(tmpdir(), "upgrade-")), "redocly.yaml");
    writeFileSync(config, "extends: [minimal]\n");
    const { code, stderr } = check([fixture("base"), fixture("remove-operation")], { DIFF_CONFIG: config });
    expect(stderr).toContain("turns no diff rule on");
    expect(code).toBe(2);
  });

  it("takes the bundle out of an npm package (npm:<spec>, here a local folder npm packs)", () => {
    const pkg = mkdtempSync(join(tmpdir(), "upgrade-pkg-"));
    mkdirSync(join(pkg, "generated"));
    copyFileSync(fixture("remove-operation"), join(pkg, "generated/openapi.yaml"));
    const manifest = { name: "alteryx-jobs-api", version: "9.0.0", files: ["generated/openapi.yaml"] };
    writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest));
    const { code, stdout } = check([fixture("base"), `npm:${pkg}`]);
    expect(stdout).toContain("operation-removed");
    expect(code).toBe(1);
  });

  it("exits 2 on a missing bundle or missing arguments", () => {
    expect(check([fixture("base"), "/nonexistent/openapi.yaml"]).code).toBe(2);
    expect(check([]).code).toBe(2);
  });
});
