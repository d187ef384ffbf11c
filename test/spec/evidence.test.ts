/**
 * The evidence ledger (spec/evidence.yaml) and the spec stay in step: every pointer resolves in the bundle, every
 * description sentence is a claim's or is listed as non-factual, every inferred claim names a conformance check
 * and says "inferred" where a reader sees it, and every quote is really in its source (copies kept in
 * spec/sources/, so that nothing here reads outside the repository).
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { CLAIM_CHECKS } from "../../cli/src/conformance/claim-checks.js";
import {
  EVIDENCE_KINDS,
  type Ledger,
  checkOf,
  descriptionSentences,
  evidenceOf,
  kindOf,
  loadLedger,
  names,
  whereItems,
} from "../../scripts/evidence/ledger.mjs";
import { resolvePointer } from "../../src/json-pointer.js";

type Json = Record<string, any>;
const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const bundle: Json = JSON.parse(read("../../generated/openapi.json"));
const ledger = loadLedger();
const helpPage = read("../../spec/sources/help-page.md");
const swagger: Json = JSON.parse(read("../../spec/sources/swagger-v3-jobs.json"));
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** Every `where` item of the ledger (claims and non-factual) that names nothing in `doc`. */
function deadPointers(doc: Json, book: Ledger = ledger): string[] {
  const items = [...book.claims, ...book["non-factual"]].flatMap((entry) => whereItems(entry));
  const sentences = descriptionSentences(doc);
  return items.flatMap(({ pointer, sentence }) => {
    if (resolvePointer(doc, pointer) === undefined) return [`${pointer}: resolves to nothing`];
    if (sentence === undefined) return [];
    const found = sentences.filter((s) => s.pointer === pointer && names(s.text, sentence));
    return found.length === 1 ? [] : [`${pointer}: ${found.length} sentences begin "${sentence}"`];
  });
}

/** Every description sentence of `doc` that no claim and no non-factual entry names. */
function unaccounted(doc: Json, book: Ledger = ledger): string[] {
  const items = [...book.claims, ...book["non-factual"]].flatMap((entry) => whereItems(entry));
  return descriptionSentences(doc)
    .filter((s) => !items.some((i) => i.pointer === s.pointer && i.sentence !== undefined && names(s.text, i.sentence)))
    .map((s) => `${s.pointer}: ${s.text}`);
}

/** Whether a `swagger` evidence's `says` is the node at its pointer, or a string found in it. */
function swaggerSays(evidence: Json): boolean {
  const node = resolvePointer(swagger, evidence.swagger);
  if (node === undefined) return false;
  if (typeof evidence.says !== "string") return isDeepStrictEqual(node, evidence.says);
  return squash(typeof node === "string" ? node : JSON.stringify(node)).includes(squash(evidence.says));
}

describe("the evidence ledger", () => {
  it("has unique ids, a one-sentence claim and evidence of a known kind for every entry", () => {
    const ids = ledger.claims.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const entry of ledger.claims) {
      expect(entry.claim, entry.id).toMatch(/^[^\n]+[.?]$/);
      expect(EVIDENCE_KINDS, entry.id).toContain(kindOf(entry));
      expect(whereItems(entry).length, `${entry.id} names no place`).toBeGreaterThan(0);
    }
  });

  it("every pointer resolves in the bundle, and every sentence it names is there once", () => {
    expect(deadPointers(bundle)).toEqual([]);
  });

  it("every description sentence of the spec is a claim's or is listed as non-factual", () => {
    expect(unaccounted(bundle)).toEqual([]);
  });

  it("every inferred claim names a check of the conformance run and says 'inferred' where it is read", () => {
    const sentences = descriptionSentences(bundle);
    for (const entry of ledger.claims.filter((c) => kindOf(c) === "inferred")) {
      expect(Object.keys(CLAIM_CHECKS), entry.id).toContain(checkOf(entry));
      for (const { pointer, sentence } of whereItems(entry)) {
        if (sentence === undefined) continue;
        const text = sentences.find((s) => s.pointer === pointer && names(s.text, sentence))?.text ?? "";
        expect(text, `${entry.id} at ${pointer}`).toMatch(/inferred/i);
      }
    }
  });

  it("no quote or reasoning is empty, and every help-page quote is in the help page", () => {
    const helpText = squash(helpPage);
    for (const entry of ledger.claims) {
      for (const evidence of evidenceOf(entry)) {
        const kind = EVIDENCE_KINDS.find((k) => k in evidence) as string;
        const words =
          kind === "swagger" ? evidence.says : evidence[kind === "rfc" || kind === "observed" ? "says" : kind];
        expect(
          JSON.stringify(words ?? "")
            .replace(/"/g, "")
            .trim(),
          `${entry.id} ${kind}`,
        ).not.toBe("");
        if (kind === "help-page") expect(helpText, entry.id).toContain(squash(String(evidence["help-page"])));
        if (kind === "rfc") expect(String(evidence.section ?? ""), entry.id).not.toBe("");
        if (kind === "observed") expect(String(evidence.grade), entry.id).toMatch(/^[ABC]$/);
      }
    }
  });

  it("every swagger citation is what the server's Swagger says at that place", () => {
    const wrong = ledger.claims.flatMap((entry) =>
      evidenceOf(entry)
        .filter((e) => "swagger" in e && !swaggerSays(e))
        .map((e) => `${entry.id}: ${e.swagger}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe("the check itself", () => {
  it("fails on an unsourced sentence planted in a description", () => {
    const doc = structuredClone(bundle);
    doc.components.schemas.Job.properties.runWithE2.description += " The server retries a failed job three times.";
    const before = new Set(unaccounted(bundle));
    expect(unaccounted(doc).filter((s) => !before.has(s))).toEqual([
      "/components/schemas/Job/properties/runWithE2/description: The server retries a failed job three times.",
    ]);
  });

  it("fails on a pointer to nothing, and on a sentence that is no longer there", () => {
    const book = structuredClone(ledger);
    book.claims[0]?.where.push("/components/schemas/NoSuchSchema/required", { "/info/description": "Gone words" });
    const before = new Set(deadPointers(bundle));
    expect(deadPointers(bundle, book).filter((s) => !before.has(s))).toEqual([
      "/components/schemas/NoSuchSchema/required: resolves to nothing",
      '/info/description: 0 sentences begin "Gone words"',
    ]);
  });

  it("fails on a help-page quote the help page does not have", () => {
    expect(squash(helpPage)).not.toContain("Only Curators can use every endpoint.");
  });

  it("fails on a swagger citation that misquotes the model", () => {
    expect(swaggerSays({ swagger: "/definitions/JobView/properties/priority/enum", says: ["Low", "High"] })).toBe(
      false,
    );
    expect(
      swaggerSays({
        swagger: "/definitions/JobView/properties/priority/enum",
        says: ["Default", "Low", "Medium", "High", "Critical"],
      }),
    ).toBe(true);
  });
});
