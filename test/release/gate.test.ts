/**
 * `npm run check:spec-diff` (scripts/check-spec-diff.mjs) run as CI runs it, on a small tree of its own: a released
 * 1.0.0 bundle, today's bundle with an operation removed, the three package.json files and the changelog.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
const fixtures = join(import.meta.dirname, "fixtures");

interface Tree {
  revision?: string;
  version?: string;
  infoVersion?: string;
  changelog?: string;
  changeset?: string;
  range?: string;
}

/** A tree where 1.0.0 was released and today's bundle is `revision` (a fixture) at `version`. */
function tree({ revision = "remove-operation", version = "1.0.0", infoVersion = version, ...rest }: Tree) {
  const root = mkdtempSync(join(tmpdir(), "spec-gate-"));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  copyFileSync(join(repo, "redocly-diff.yaml"), join(root, "redocly-diff.yaml"));
  write("spec/releases/1.0.0/openapi.yaml", readFileSync(join(fixtures, "base.yaml"), "utf8"));
  const bundle = readFileSync(join(fixtures, `${revision}.yaml`), "utf8");
  write("generated/openapi.yaml", bundle.replace("version: 1.0.0", `version: ${infoVersion}`));
  const range = rest.range ?? `^${version}`;
  write("package.json", JSON.stringify({ name: "alteryx-jobs-api", version }));
  write(
    "simulator/package.json",
    JSON.stringify({ name: "alteryx-jobs-simulator", version: "1.0.0", dependencies: { "alteryx-jobs-api": range } }),
  );
  write(
    "cli/package.json",
    JSON.stringify({
      name: "alteryx-jobs",
      version: "1.0.0",
      dependencies: { "alteryx-jobs-api": range, "alteryx-jobs-simulator": "^1.0.0" },
    }),
  );
  if (rest.changelog) write("CHANGELOG.md", rest.changelog);
  if (rest.changeset) write(".changeset/remove-get.md", rest.changeset);
  return root;
}

function gate(root: string) {
  const result = spawnSync(process.execPath, [join(repo, "scripts/check-spec-diff.mjs"), "--root", root], {
    encoding: "utf8",
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("check:spec-diff", () => {
  it("fails on a breaking change that the versions do not carry", () => {
    const { code, output } = gate(tree({}));
    expect(code).toBe(1);
    expect(output).toContain("1 major, 0 minor, 0 patch");
    expect(output).toContain("alteryx-jobs-api 1.0.0 is below 2.0.0");
  });

  it("fails when the bump is a minor one but the change is breaking", () => {
    const changelog = "# alteryx-jobs-api\n\n## 1.1.0\n\nRemoved listWorkflowJobs.\n";
    const { code, output } = gate(tree({ version: "1.1.0", changelog, range: "^1.0.0" }));
    expect(code).toBe(1);
    expect(output).toContain("alteryx-jobs-api 1.1.0 is below 2.0.0");
  });

  it("passes once the library, info.version and the ranges are bumped and the changelog has the entry", () => {
    const changelog = "# alteryx-jobs-api\n\n## 2.0.0\n\nRemoved listWorkflowJobs.\n";
    const { code, output } = gate(tree({ version: "2.0.0", changelog }));
    expect(output).toContain("✔ the versions carry the change");
    expect(code).toBe(0);
  });

  it("passes with a pending major changeset (the bump and the entry that changeset version will write)", () => {
    const changeset = '---\n"alteryx-jobs-api": major\n---\n\nRemoved listWorkflowJobs.\n';
    const { code, output } = gate(tree({ changeset }));
    expect(output).toContain("2.0.0 with its pending major changeset");
    expect(code).toBe(0);
  });

  it("fails on a bump without a changelog entry", () => {
    const { code, output } = gate(tree({ version: "2.0.0", changelog: "# alteryx-jobs-api\n" }));
    expect(code).toBe(1);
    expect(output).toContain('CHANGELOG.md has no "## 2.0.0" entry');
  });

  it("fails when info.version and the library's version differ", () => {
    const changelog = "## 2.0.0\n";
    const { code, output } = gate(tree({ version: "2.0.0", infoVersion: "3.0.0", changelog }));
    expect(code).toBe(1);
    expect(output).toContain("info.version is 3.0.0 but alteryx-jobs-api is 2.0.0");
  });

  it("fails when a package's range on the library excludes the library's version", () => {
    const changelog = "## 2.0.0\n";
    const { code, output } = gate(tree({ version: "2.0.0", changelog, range: "^1.0.0" }));
    expect(code).toBe(1);
    expect(output).toContain(
      "alteryx-jobs-simulator depends on alteryx-jobs-api@^1.0.0, which excludes its version 2.0.0",
    );
  });

  it("passes a description change on a patch bump with its entry", () => {
    const changelog = "## 1.0.1\n\nClearer words.\n";
    const { code } = gate(tree({ revision: "change-description", version: "1.0.1", changelog, range: "^1.0.0" }));
    expect(code).toBe(0);
  });
});
