/**
 * The release gate judges right: each fixture pair (test/release/fixtures/base.yaml and one revision) through the
 * same `redocly diff` call and rules (redocly-diff.yaml) as `npm run check:spec-diff`, one test per kind of change.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specDiff } from "../../scripts/release/spec-diff.mjs";

const fixtures = join(import.meta.dirname, "fixtures");
const config = join(import.meta.dirname, "../../redocly-diff.yaml");
const verdict = (revision: string, options = { config }) =>
  specDiff(join(fixtures, "base.yaml"), join(fixtures, `${revision}.yaml`), options);

const cases: [kind: string, bump: string, fixture: string, rule?: string][] = [
  ["removing a response field", "major", "remove-response-field", "property-removed"],
  ["making an optional parameter required", "major", "parameter-became-required", "parameter-became-required"],
  ["narrowing a request enum", "major", "narrow-request-enum", "enum-values-removed"],
  ["removing an operation", "major", "remove-operation", "operation-removed"],
  ["changing a path", "major", "change-path", "path-removed"],
  ["adding an optional parameter", "minor", "add-optional-parameter"],
  ["adding an operation", "minor", "add-operation"],
  ["adding a response field", "minor", "add-response-field"],
  ["adding a value to an open response enum (this project's rule)", "minor", "add-response-enum-value"],
  ["changing a description", "patch", "change-description"],
];

describe("redocly diff with the project's rules", () => {
  it.each(cases)("%s: %s", (_kind, bump, fixture, rule) => {
    const report = verdict(fixture);
    expect(report.bump).toBe(bump);
    const rules = report.changes.flatMap((change) => change.verdicts.map((v) => v.ruleId));
    if (rule) expect(rules).toContain(rule);
    else expect(report.summary.major).toBe(0);
  });

  it("rates the open-enum change major without the project's rule (Redocly's own verdict)", () => {
    const plain = join(mkdtempSync(join(tmpdir(), "diff-rules-")), "redocly.yaml");
    writeFileSync(plain, "extends: [diff-recommended]\n");
    expect(verdict("add-response-enum-value", { config: plain }).bump).toBe("major");
  });

  it("refuses to rate anything without diff rules (it would call every break minor)", () => {
    const none = join(mkdtempSync(join(tmpdir(), "diff-rules-")), "redocly.yaml");
    writeFileSync(none, "extends: [minimal]\n");
    expect(() => verdict("remove-operation", { config: none })).toThrow(/without diff rules/);
  });
});
