/** Types of ./ledger.mjs (plain JavaScript so that the docs build runs it without a loader). */
export type Evidence = Record<string, unknown>;
export interface LedgerEntry {
  id: string;
  claim: string;
  where: (string | Record<string, string | string[]>)[];
  evidence: Evidence | Evidence[];
}
export interface NonFactualEntry {
  why: string;
  where: (string | Record<string, string | string[]>)[];
}
export interface Ledger {
  claims: LedgerEntry[];
  "non-factual": NonFactualEntry[];
}
export interface Sentence {
  text: string;
  start: number;
  end: number;
}
export const EVIDENCE_KINDS: readonly string[];
export function loadLedger(url?: URL): Ledger;
export function whereItems(entry: { where?: LedgerEntry["where"] }): { pointer: string; sentence?: string }[];
export function evidenceOf(entry: LedgerEntry): Evidence[];
export function kindOf(entry: LedgerEntry): string;
export function checkOf(entry: LedgerEntry): string | undefined;
export function splitSentences(markdown: string): Sentence[];
export function descriptions(bundle: unknown): { pointer: string; text: string }[];
export function descriptionSentences(bundle: unknown): ({ pointer: string } & Sentence)[];
export function names(sentence: string, start: string): boolean;
