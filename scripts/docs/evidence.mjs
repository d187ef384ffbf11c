// Shows the evidence ledger (spec/evidence.yaml) in the rendered docs, on a copy of the bundle:
// 1. every sentence of an inferred claim gets a short marker after it, "(inferred — checked by the conformance
//    run: multiValue)", so that a reader sees at the sentence that no source says it and how a server is checked;
// 2. the overview ends with an "Evidence" section: every claim with its source, grouped by kind, each group
//    folded (<details>) so that the page stays quiet until a reader opens it.
import { readFileSync } from "node:fs";
import { checkOf, evidenceOf, kindOf, loadLedger, names, splitSentences, whereItems } from "../evidence/ledger.mjs";

const swagger = JSON.parse(readFileSync(new URL("../../spec/sources/swagger-v3-jobs.json", import.meta.url), "utf8"));

/** The order and headings of the Evidence section's groups. */
const GROUPS = [
  ["inferred", "Inferred, with the conformance check that confirms or refutes each"],
  ["help-page", "From the Alteryx help page"],
  ["swagger", "From the server's Swagger"],
  ["rfc", "From an RFC"],
  ["observed", "Observed on real servers"],
  ["uncheckable", "Not checkable"],
];

/** The marker put after an inferred sentence. */
export const inferredMarker = (checks) =>
  ` <small class="evidence-inferred">(inferred — checked by the conformance run: ${checks.join(", ")})</small>`;

const unescapeToken = (t) => t.replace(/~1/g, "/").replace(/~0/g, "~");

/** The parent object and key of the node a JSON Pointer names, so that the node can be replaced. */
function slot(doc, pointer) {
  const tokens = pointer.slice(1).split("/").map(unescapeToken);
  const key = tokens.pop();
  const parent = tokens.reduce((node, t) => node?.[t], doc);
  return parent && typeof parent[key] === "string" ? { parent, key } : undefined;
}

/** Adds the marker after every sentence an inferred claim names (one marker per sentence, all its checks). */
function markInferred(doc, ledger) {
  const checksAt = new Map(); // pointer -> Map(sentence start -> Set(check))
  for (const entry of ledger.claims.filter((c) => kindOf(c) === "inferred")) {
    for (const { pointer, sentence } of whereItems(entry)) {
      if (sentence === undefined) continue;
      const at = checksAt.get(pointer) ?? new Map();
      at.set(sentence, (at.get(sentence) ?? new Set()).add(checkOf(entry)));
      checksAt.set(pointer, at);
    }
  }
  for (const [pointer, starts] of checksAt) {
    const place = slot(doc, pointer);
    if (!place) continue;
    const text = place.parent[place.key];
    const marks = splitSentences(text)
      .map((s) => ({
        end: s.end,
        checks: [...starts].filter(([start]) => names(s.text, start)).flatMap(([, c]) => [...c]),
      }))
      .filter((m) => m.checks.length > 0)
      .sort((a, b) => b.end - a.end);
    let marked = text;
    for (const { end, checks } of marks)
      marked = marked.slice(0, end) + inferredMarker([...new Set(checks)]) + marked.slice(end);
    place.parent[place.key] = marked;
  }
}

const clip = (s, n = 110) => {
  const one = String(s).replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};
const escapeMd = (s) => s.replace(/([\\`*_<>[\]|])/g, "\\$1");

/** A place in the server's Swagger as a reader names it: `JobView.priority`, `GET /v3/jobs, parameter statuses`. */
function swaggerPlace(pointer) {
  const tokens = pointer.slice(1).split("/").map(unescapeToken);
  if (tokens[0] === "definitions") return tokens.filter((_, i) => i === 1 || tokens[i - 1] === "properties").join(".");
  if (tokens[0] !== "paths") return tokens.join(".");
  const [, path, method, part, index] = tokens;
  const op = swagger.paths?.[path]?.[method];
  const what =
    part === "parameters"
      ? `parameter ${op?.parameters?.[index]?.name ?? index}`
      : part === "responses" && index
        ? `response ${index}`
        : part;
  return `${method.toUpperCase()} ${path}${what ? `, ${what}` : ""}`;
}

/** One evidence item, in a few words. */
function sourceOf(e) {
  if ("help-page" in e) return `help page: “${escapeMd(clip(e["help-page"]))}”`;
  if ("swagger" in e) return `server's Swagger: ${swaggerPlace(e.swagger)}`;
  if ("rfc" in e) return `RFC ${e.rfc}, section ${e.section}`;
  if ("observed" in e) return `observed (${e.observed}, grade ${e.grade}): ${escapeMd(clip(e.source, 90))}`;
  if ("inferred" in e) return `inferred — checked by the conformance run: \`${e.check}\``;
  if ("uncheckable" in e) return `uncheckable: ${escapeMd(clip(e.uncheckable))}`;
  return "no source";
}

/** The markdown of the Evidence section. */
export function evidenceSection(ledger) {
  const counts = GROUPS.map(([kind]) => [kind, ledger.claims.filter((c) => kindOf(c) === kind)]);
  const lines = [
    "## Evidence",
    `Every claim this description makes, with its source: ${ledger.claims.length} claims, ` +
      `and ${ledger["non-factual"].reduce((n, e) => n + whereItems(e).length, 0)} sentences that claim nothing ` +
      "(advice, navigation, examples). The ledger is `spec/evidence.yaml`; a conformance run against a server " +
      "reports, for each inferred claim, whether the server confirmed or refuted it.",
    "",
  ];
  for (const [kind, title] of GROUPS) {
    const claims = counts.find(([k]) => k === kind)[1];
    if (claims.length === 0) continue;
    lines.push(
      `<details class="evidence-group" data-kind="${kind}"><summary>${title} (${claims.length})</summary>`,
      "",
    );
    for (const claim of claims) {
      const sources = evidenceOf(claim).map(sourceOf).join("; ");
      lines.push(
        `- <span class="evidence-claim" id="evidence-${claim.id}">${escapeMd(claim.claim)}</span> — ${sources}`,
      );
    }
    lines.push("", "</details>", "");
  }
  return lines.join("\n");
}

/** A copy of the bundle with the inferred markers and the Evidence section. */
export function withEvidence(doc, ledger = loadLedger()) {
  const page = structuredClone(doc);
  markInferred(page, ledger);
  page.info = { ...page.info, description: `${page.info.description.trimEnd()}\n\n${evidenceSection(ledger)}` };
  return page;
}
