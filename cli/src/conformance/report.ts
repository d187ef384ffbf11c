/** The three forms of a conformance report: text for people, JSON (the issue's shape), JUnit XML for CI. */
import { SPEC_QUIRKS, SPEC_READINGS } from "alteryx-jobs-simulator/quirks";
import { CLAIM_IDS, PROFILE_QUESTIONS, type ProfileQuestion, isProfileQuestion } from "./claim-checks.js";
import type { ClaimResults } from "./claims.js";
import { type Profile, type ProfileValue, differsFromSpec } from "./profile.js";
import type { Role } from "./preflight.js";
import type { ScenarioResult } from "./scenario.js";
import type { Violation } from "./violations.js";

/** What `--json FILE` writes. */
export interface ConformanceReport {
  target: string;
  startedAt: string;
  scenarios: ScenarioResult[];
  violations: Violation[];
  profile: Record<ProfileQuestion, ProfileValue | "unknown">;
  /** For each check of the spec's inferred claims: confirmed, refuted or not checked, with the evidence. */
  claims: ClaimResults;
  /** Only when the run could not run (exit code 2): why, in one line. Nothing else is claimed then. */
  stopped?: string;
}

export interface ConformanceRun {
  /** 0 nothing failed, 1 a scenario failed or Prism saw a violation, 2 the run could not run. */
  exitCode: 0 | 1 | 2;
  report: ConformanceReport;
  /** Each profile answer with the request that showed it (or why it is unknown). */
  profile: Profile | undefined;
  /** Whose key the run used, when pre-flight got that far. */
  role: Role | undefined;
}

export function exitCodeOf(report: ConformanceReport): 0 | 1 | 2 {
  if (report.stopped !== undefined) return 2;
  return report.scenarios.some((s) => s.outcome === "failed") || report.violations.length > 0 ? 1 : 0;
}

/** Array positions (`data.60.startTime`) become `*`, so one fault of every job on a page is one row. */
const generalize = (text: string) => text.replace(/\.\d+(?=\.|\b)/g, ".*");

/** The same violation seen several times is one row, with how often it was seen. */
function distinctViolations(violations: readonly Violation[]): { violation: Violation; times: number }[] {
  const rows = new Map<string, { violation: Violation; times: number }>();
  for (const v of violations) {
    const general = { request: v.request, location: generalize(v.location), message: generalize(v.message) };
    const key = `${general.request}\u0000${general.location}\u0000${general.message}`;
    const row = rows.get(key);
    if (row) row.times++;
    else rows.set(key, { violation: general, times: 1 });
  }
  return [...rows.values()];
}

/** `text` after `first`, wrapped at spaces to `width` columns, later lines indented by `indent`. */
function wrapped(first: string, text: string, indent: string, width = 116): string[] {
  const lines: string[] = [];
  let line = first;
  // A request ("GET /v3/jobs → 200") is never split across lines.
  const glued = text.replace(/\b(GET|POST|DELETE) \//g, "$1\u00a0/").replace(/ → /g, "\u00a0→\u00a0");
  for (const word of glued.split(" ")) {
    if (line.length + 1 + word.length > width && line.trim() !== "" && line !== first) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = line === first || line === indent ? `${line}${word}` : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l) => l.replace(/\u00a0/g, " "));
}

const EXIT_MEANING = {
  0: "nothing failed",
  1: "a scenario failed or Prism saw a spec violation",
  2: "the run could not run",
} as const;

export function formatText(run: ConformanceRun): string {
  const { report } = run;
  const lines = [`Conformance of ${report.target} to the alteryx-jobs-api spec (started ${report.startedAt})`, ""];
  if (report.stopped !== undefined) {
    lines.push(`Stopped before any scenario: ${report.stopped}`, "", `Exit code 2: ${EXIT_MEANING[2]}.`);
    return `${lines.join("\n")}\n`;
  }
  if (run.role === "Curator") lines.push("Key: a Curator's", "");
  if (run.role === "Artisan") lines.push("Key: an Artisan's (scenarios for Curators are skipped)", "");
  lines.push("Scenarios");
  const mark = { passed: "pass", failed: "FAIL", skipped: "skip" } as const;
  for (const s of report.scenarios) {
    lines.push(`  ${mark[s.outcome]}  ${s.name}`);
    if (s.reason) lines.push(...wrapped("        ", s.reason, "          "));
  }

  const distinct = distinctViolations(report.violations);
  const seen = report.violations.length;
  lines.push(
    "",
    `Spec violations Prism saw: ${distinct.length === 0 ? "none" : `${distinct.length} distinct, ${seen} in all`}`,
  );
  for (const { violation: v, times } of distinct) {
    lines.push(`  ${v.request}  ${v.location || "(request)"}: ${v.message}${times > 1 ? `  (${times} times)` : ""}`);
  }

  if (run.profile) {
    lines.push("", "Server profile (where the help page, the server's Swagger and the spec disagree or say nothing)");
    for (const name of PROFILE_QUESTIONS) {
      const { value, evidence } = run.profile[name];
      const differs = differsFromSpec(name, value);
      const verdict =
        value === "unknown" ? "" : differs ? `  ≠ the spec reads ${SPEC_QUIRKS[name]}` : "  = the spec's reading";
      lines.push(`  ${name}: ${value}${verdict}`);
      lines.push(...wrapped(`      ${value === "unknown" ? "why" : "shown by"}: `, evidence, "          "));
      if (differs) lines.push(...wrapped("      the spec: ", `${SPEC_READINGS[name]}.`, "          "));
    }
    if (PROFILE_QUESTIONS.some((name) => differsFromSpec(name, run.profile?.[name].value ?? "unknown"))) {
      lines.push("  Answers marked ≠ differ from the spec's reading: please attach this report's --json file to an");
      lines.push("  issue in the alteryx-jobs-api project's tracker, so the spec can change with evidence.");
    }
  }
  lines.push("", ...claimLines(report.claims));
  const count = (o: string) => report.scenarios.filter((s) => s.outcome === o).length;
  const code = exitCodeOf(report);
  lines.push(
    "",
    `${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped, ${seen} violations`,
    `Exit code ${code}: ${EXIT_MEANING[code]}.`,
  );
  return `${lines.join("\n")}\n`;
}

/** The claims section: a verdict per check; the requests behind it, unless the server profile above shows them. */
function claimLines(claims: ClaimResults): string[] {
  const lines = ["Claims the spec infers (confirmed: the server does as the spec reads; refuted: it does not)"];
  for (const id of CLAIM_IDS) {
    const { verdict, answer, evidence } = claims[id];
    lines.push(`  ${verdict.padEnd(11)}  ${id}${answer === undefined ? "" : `: ${answer}`}`);
    if (verdict === "not checked") lines.push(...wrapped("      why: ", evidence, "          "));
    else if (verdict === "refuted" || !isProfileQuestion(id)) {
      lines.push(...wrapped("      shown by: ", evidence, "          "));
    }
  }
  const tally = (["confirmed", "refuted", "not checked"] as const).map(
    (v) => `${CLAIM_IDS.filter((id) => claims[id].verdict === v).length} ${v}`,
  );
  lines.push(`  ${tally.join(", ")}`);
  return lines;
}

export function toJson(run: ConformanceRun): string {
  // A scenario's failed check is the run's own bookkeeping (it judges the claims); its reason already says it.
  const scenarios = run.report.scenarios.map(({ failedCheck: _, ...scenario }) => scenario);
  return `${JSON.stringify({ ...run.report, scenarios }, null, 2)}\n`;
}

const xml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // XML 1.0 has no place for most control characters.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/**
 * The claims as a test suite of their own: confirmed passes, not checked is skipped with why, refuted passes with
 * the evidence in its output (the server differs from the spec's inference; the run itself did not fail).
 */
function claimSuite(report: ConformanceReport): string[] {
  const cases = CLAIM_IDS.map((id) => {
    const { verdict, answer, evidence } = report.claims[id];
    const open = `    <testcase classname="conformance.claims" name="${id}: ${verdict}"`;
    if (verdict === "not checked") return `${open}>\n      <skipped message="${xml(evidence)}"/>\n    </testcase>`;
    const out = `${answer ?? ""}: ${evidence}`;
    return `${open}>\n      <system-out>${xml(out)}</system-out>\n    </testcase>`;
  });
  const skipped = CLAIM_IDS.filter((id) => report.claims[id].verdict === "not checked").length;
  return [
    `  <testsuite name="claims the spec infers" tests="${cases.length}" failures="0" errors="0" ` +
      `skipped="${skipped}" timestamp="${report.startedAt}">`,
    ...cases,
    "  </testsuite>",
  ];
}

/** JUnit XML: one test case per scenario, one for the spec violations, the profile and claims as properties. */
export function toJUnit(run: ConformanceRun): string {
  const { report } = run;
  const cases = report.scenarios.map((s) => {
    const open = `    <testcase classname="conformance" name="${xml(s.name)}"`;
    if (s.outcome === "passed") return `${open}/>`;
    const tag = s.outcome === "failed" ? "failure" : "skipped";
    return `${open}>\n      <${tag} message="${xml(s.reason ?? "")}"/>\n    </testcase>`;
  });
  if (report.stopped !== undefined) {
    cases.push(
      `    <testcase classname="conformance" name="pre-flight">\n` +
        `      <error message="${xml(report.stopped)}"/>\n    </testcase>`,
    );
  } else {
    const distinct = distinctViolations(report.violations);
    const text = distinct
      .map(({ violation: v, times }) => `${v.request} ${v.location}: ${v.message} (${times}x)`)
      .join("\n");
    cases.push(
      distinct.length === 0
        ? `    <testcase classname="conformance" name="no spec violations"/>`
        : `    <testcase classname="conformance" name="no spec violations">\n` +
            `      <failure message="${distinct.length} distinct spec violations">${xml(text)}</failure>\n` +
            "    </testcase>",
    );
  }
  const failures =
    (report.stopped ? 0 : report.violations.length > 0 ? 1 : 0) +
    report.scenarios.filter((s) => s.outcome === "failed").length;
  const skipped = report.scenarios.filter((s) => s.outcome === "skipped").length;
  const properties = [
    ...Object.entries(report.profile).map(([name, value]) => ({ name: `profile.${name}`, value: String(value) })),
    ...CLAIM_IDS.map((id) => ({ name: `claim.${id}`, value: report.claims[id].verdict })),
  ].map(({ name, value }) => `      <property name="${name}" value="${xml(value)}"/>`);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="alteryx-jobs-api conformance">`,
    `  <testsuite name="${xml(report.target)}" tests="${cases.length}" failures="${failures}" ` +
      `errors="${report.stopped ? 1 : 0}" ` +
      `skipped="${skipped}" timestamp="${report.startedAt}">`,
    `    <properties>\n${properties.join("\n")}\n    </properties>`,
    ...cases,
    "  </testsuite>",
    ...(report.stopped === undefined ? claimSuite(report) : []),
    "</testsuites>",
    "",
  ].join("\n");
}
