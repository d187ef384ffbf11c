// The evidence ledger (spec/evidence.yaml) and the spec's description sentences it accounts for: one reader,
// shared by the ledger's test (test/spec/evidence.test.ts), the constraint test and the docs build
// (scripts/docs/evidence.mjs). Plain JavaScript so that `node scripts/docs.mjs` runs it without a loader.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The kinds of evidence an entry can give, strongest first. */
export const EVIDENCE_KINDS = ["help-page", "swagger", "rfc", "observed", "inferred", "uncheckable"];

/** Reads the ledger: `{ claims: Claim[], "non-factual": NonFactual[] }`. */
export function loadLedger(url = new URL("../../spec/evidence.yaml", import.meta.url)) {
  return parse(readFileSync(url, "utf8"));
}

/**
 * Each `where` item of an entry as `{ pointer, sentence? }`: a string is a pointer to a node (a constraint
 * keyword such as `/components/parameters/Statuses/schema/items/enum`); a one-key map `{pointer: start}` names
 * the sentence of that description which begins with `start`.
 */
export function whereItems(entry) {
  return (entry.where ?? []).flatMap((item) => {
    if (typeof item === "string") return [{ pointer: item }];
    return Object.entries(item).flatMap(([pointer, start]) =>
      (Array.isArray(start) ? start : [start]).map((sentence) => ({ pointer, sentence: String(sentence) })),
    );
  });
}

/** An entry's evidence as a list of one-kind maps (a single map is a list of one). */
export const evidenceOf = (entry) => (Array.isArray(entry.evidence) ? entry.evidence : [entry.evidence ?? {}]);

/** The kind an entry counts as: inferred if any of its evidence is, else the kind of its first evidence. */
export function kindOf(entry) {
  const kinds = evidenceOf(entry).map((e) => EVIDENCE_KINDS.find((k) => k in e));
  return kinds.includes("inferred") ? "inferred" : (kinds[0] ?? "none");
}

/** The conformance check an inferred entry names, if any. */
export const checkOf = (entry) => evidenceOf(entry).find((e) => "inferred" in e)?.check;

const squash = (s) => s.replace(/\s+/g, " ").trim();

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = /(?:\be\.g|\bi\.e|\bvs|\betc)\.$/;

/**
 * The sentences of a markdown description, with their offsets in it. Fenced code blocks and headings are not
 * sentences (samples and navigation); each list item starts a new sentence; a sentence ends at `.`, `!` or `?`
 * followed by white space.
 * @returns {{ text: string, start: number, end: number }[]}
 */
export function splitSentences(markdown) {
  // Blank out what is not prose, keeping offsets: fenced code and heading lines.
  const prose = markdown
    .replace(/^([ \t]*)```[\s\S]*?^[ \t]*```[ \t]*$/gm, (m) => m.replace(/[^\n]/g, " "))
    .replace(/^[ \t]*#{1,6} .*$/gm, (m) => " ".repeat(m.length));
  const sentences = [];
  let start = -1;
  const close = (end) => {
    if (start < 0) return;
    const raw = prose.slice(start, end);
    const text = squash(raw);
    if (text) sentences.push({ text, start, end: start + raw.trimEnd().length });
    start = -1;
  };
  for (let i = 0; i < prose.length; i++) {
    const lineStart = i === 0 || prose[i - 1] === "\n";
    if (lineStart) {
      const rest = prose.slice(i);
      const blank = /^[ \t]*(\n|$)/.test(rest);
      const item = rest.match(/^[ \t]*(?:[-*]|\d+\.)[ \t]+/);
      if (blank) close(i);
      if (item) {
        close(i);
        i += item[0].length - 1;
        continue;
      }
    }
    const ch = prose[i];
    if (start < 0 && !/\s/.test(ch)) start = i;
    // A sentence ends at . ! ? before white space, or before the ** that closes a bold run.
    const after = prose.slice(i + 1).match(/^(\*\*)?(\s|$)/);
    if (start >= 0 && ".!?".includes(ch) && after) {
      const end = i + 1 + (after[1]?.length ?? 0);
      if (!ABBREVIATIONS.test(prose.slice(start, i + 1))) {
        close(end);
        i = end - 1;
      }
    }
  }
  close(prose.length);
  return sentences;
}

/** Subtrees that hold data or samples, not descriptions: example values, schema examples, code samples. */
function isData(key, value) {
  return (
    key === "value" || key === "example" || key === "x-codeSamples" || (key === "examples" && Array.isArray(value))
  );
}

const escapeToken = (t) => t.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Every description in the bundle (info, servers, tags, operations, parameters, request bodies, responses,
 * headers, schemas and their properties, examples, security schemes), by JSON Pointer.
 * @returns {{ pointer: string, text: string }[]}
 */
export function descriptions(bundle) {
  const found = [];
  const walk = (node, pointer) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const here = `${pointer}/${escapeToken(key)}`;
      if (key === "description" && typeof value === "string") found.push({ pointer: here, text: value });
      else if (!isData(key, value)) walk(value, here);
    }
  };
  walk(bundle, "");
  return found;
}

/** Every description sentence of the bundle, by the pointer of its description. */
export function descriptionSentences(bundle) {
  return descriptions(bundle).flatMap(({ pointer, text }) => splitSentences(text).map((s) => ({ pointer, ...s })));
}

/** Whether `sentence` is the one a `where` item names: it begins with the item's words (white space squashed). */
export const names = (sentence, start) => sentence.startsWith(squash(start));
