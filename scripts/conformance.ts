// `npm run conformance -- --target <url>`: runs the conformance scenarios against any Alteryx Server (or the
// simulator) through `prism proxy --errors`, and prints a report: each scenario passed or failed, and each
// spec violation with the request, the location and Prism's message.
// Credentials come from ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET; ALTERYX_ALLOW_WRITES=1 with
// ALTERYX_WORKFLOW_ID also runs the scenarios that queue and cancel (only their own) jobs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { target: { type: "string" }, help: { type: "boolean" } } });
const target = values.target ?? process.env.ALTERYX_BASE_URL;
if (values.help || !target || !process.env.ALTERYX_CLIENT_ID || !process.env.ALTERYX_CLIENT_SECRET) {
  console.error("Usage: ALTERYX_CLIENT_ID=... ALTERYX_CLIENT_SECRET=... npm run conformance -- --target https://server/webapi");
  console.error("       (add ALTERYX_ALLOW_WRITES=1 ALTERYX_WORKFLOW_ID=... to also queue and cancel jobs)");
  process.exit(values.help ? 0 : 2);
}

const dir = mkdtempSync(join(tmpdir(), "conformance-"));
const results = join(dir, "results.json");
const violationsFile = join(dir, "violations.jsonl");
const run = spawnSync(
  process.execPath,
  [join("node_modules", "vitest", "vitest.mjs"), "run", "--config", "test/conformance/vitest.live.config.ts", "--reporter=json", `--outputFile=${results}`],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ALTERYX_BASE_URL: target, CONFORMANCE_VIOLATIONS_FILE: violationsFile } },
);
if (!existsSync(results)) {
  console.error(`The conformance run did not finish (exit ${run.status}).`);
  process.exit(1);
}

interface Assertion { fullName: string; status: string; failureMessages: string[] }
const report = JSON.parse(readFileSync(results, "utf8")) as { testResults: { assertionResults: Assertion[] }[] };
const scenarios = report.testResults.flatMap((file) => file.assertionResults);
const violations = existsSync(violationsFile)
  ? readFileSync(violationsFile, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as { request: string; location: string; message: string })
  : [];

console.log(`# Conformance of ${target} to the alteryx-jobs-api spec\n`);
console.log("| scenario | result |\n|---|---|");
for (const s of scenarios) {
  const why = s.failureMessages[0]?.split("\n")[0]?.replace(/\|/g, "\\|") ?? "";
  console.log(`| ${s.fullName} | ${s.status === "passed" ? "passed" : s.status === "failed" ? `**failed**: ${why}` : s.status} |`);
}
// The same violation seen by several scenarios is one row, with how often it was seen.
const distinct = new Map<string, { row: string; times: number }>();
for (const v of violations) {
  const row = `| ${v.request} | ${v.location} | ${v.message.replace(/\|/g, "\\|")} |`;
  distinct.set(row, { row, times: (distinct.get(row)?.times ?? 0) + 1 });
}
console.log(`\n## Spec violations (${distinct.size} distinct, ${violations.length} seen)\n`);
if (violations.length === 0) console.log("None: every request and response on the way matched the spec.");
else {
  console.log("| request | location | message | times |\n|---|---|---|---|");
  for (const { row, times } of distinct.values()) console.log(`${row} ${times} |`);
}
const failed = scenarios.filter((s) => s.status === "failed").length;
const passed = scenarios.filter((s) => s.status === "passed").length;
console.log(`\n${passed} passed, ${failed} failed, ${violations.length} violations`);
process.exitCode = failed > 0 || violations.length > 0 ? 1 : 0;
