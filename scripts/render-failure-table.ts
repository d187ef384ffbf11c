/**
 * Renders the "Failure behaviour" table of docs/failures.md from the hostile-server cases
 * (test/reliability/hostile-server.ts), plus the outcomes of the property tests, so the page says exactly what the
 * tests check.
 *
 *   npx tsx scripts/render-failure-table.ts           # print the table
 *   npx tsx scripts/render-failure-table.ts --write   # replace the section between the markers in docs/failures.md
 *
 * test/reliability/failure-table.test.ts fails when docs/failures.md and this rendering differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CASE_CLIENT_OPTIONS, type HostileCase, hostileCases } from "../test/reliability/hostile-server.js";

export const START = "<!-- failure-behaviour:start -->";
export const END = "<!-- failure-behaviour:end -->";
export const FAILURES_PAGE = fileURLToPath(new URL("../docs/failures.md", import.meta.url));

/** Rows for bad input, checked by test/reliability/properties.test.ts (1,000 random cases each). */
export const inputRows: { fault: string; server: string; client: string; kind: string }[] = [
  {
    fault: "Invalid parameter (random, 1,000 runs)",
    server: "nothing: the request is never sent",
    client:
      "wrong types, out-of-range numbers, unknown enum values, bad dates, unknown names: refused, naming the parameter",
    kind: "`invalid-request`",
  },
  {
    fault: "Awkward `jobId` (random, 1,000 runs)",
    server:
      "receives exactly one path segment that decodes to the `jobId`: `/`, `?`, `#`, `%`, spaces and unicode are " +
      "escaped",
    client: 'sends it, at any length; only `""`, `"."`, `".."` or a lone surrogate are refused before sending',
    kind: "— (or `invalid-request`)",
  },
  {
    fault: "Valid filters (random, 1,000 runs)",
    server: "the Prism mock finds no violation in any of them",
    client:
      "sends every value as the spec says (lists comma-separated, dates as `yyyy-MM-dd`); a comma inside a `users` " +
      "or `workflowNames` value is refused before sending, because servers split there",
    kind: "—",
  },
  {
    fault: "`checkRequests: false` (random, 1,000 runs)",
    server: "the Prism mock answers `400` with its reasons in `sl-violations`",
    client:
      "sends the value as given and rejects with the server's status and message (Prism's reasons stay in the header)",
    kind: "`http` 400",
  },
];

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function kindOf(c: HostileCase): string {
  const e = c.expected;
  if (e.outcome === "resolves") return "— (resolves)";
  return `\`${e.kind}\`${e.status !== undefined ? ` ${e.status}` : ""}`;
}

/** The markdown between the markers (without them). */
export function renderFailureTable(): string {
  const { timeoutMs, retry } = CASE_CLIENT_OPTIONS;
  const lines = [
    "Each row is a test against a real server on 127.0.0.1 (`test/reliability/hostile.test.ts`), " +
      `with \`timeoutMs: ${timeoutMs}\` (10,000 for the`,
    `large bodies) and \`retry: { retries: ${retry.retries} }\`. Every failure is a \`JobsApiError\`; ` +
      "none leaves an unhandled rejection or shows a secret.",
    "",
    "| fault | what the server does | what the client does | error kind |",
    "|---|---|---|---|",
    ...hostileCases.map(
      (c) => `| ${cell(c.fault)} (\`${c.callText}\`) | ${cell(c.server)} | ${cell(c.client)} | ${kindOf(c)} |`,
    ),
    ...inputRows.map((r) => `| ${cell(r.fault)} | ${cell(r.server)} | ${cell(r.client)} | ${r.kind} |`),
  ];
  return lines.join("\n");
}

/** The page's text with the section replaced; throws when the markers are missing or out of order. */
export function replaceSection(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/failures.md needs ${START} followed by ${END}`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

/** The section as it is in the page (without the markers), or undefined without markers. */
export function currentSection(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme
    .slice(start + START.length, end)
    .replace(/^\n/, "")
    .replace(/\n$/, "");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const table = renderFailureTable();
  if (process.argv.includes("--write")) {
    const page = readFileSync(FAILURES_PAGE, "utf8");
    const next = replaceSection(page, table);
    if (next !== page) writeFileSync(FAILURES_PAGE, next);
    console.log(next === page ? "docs/failures.md: table already up to date" : "docs/failures.md: table written");
  } else {
    console.log(table);
  }
}
