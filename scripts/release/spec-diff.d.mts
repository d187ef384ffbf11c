/** Types of spec-diff.mjs, for the tests that call it. */
export type Impact = "major" | "minor" | "patch";
export interface DiffReport {
  bump: Impact | undefined;
  summary: Record<Impact, number>;
  infoVersions: { base: string; revision: string };
  changes: { path: string; kind: string; impact: Impact; verdicts: { ruleId: string; message: string }[] }[];
}
export function specDiff(base: string, revision: string, options?: { config?: string; markdown?: string }): DiffReport;
