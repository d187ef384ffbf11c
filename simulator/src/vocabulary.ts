/**
 * The simulator's vocabulary: the codes jobs are stored with and the strings the API shows for them.
 * Jobs are stored as small integers (see store.ts); these tables turn them back into the spec's strings.
 */

export const STATUS = { Queued: 0, Initializing: 1, Running: 2, Completed: 3, Cancelled: 4 } as const;
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];
/** Status names by code, in lifecycle order (the order `sortField=Status` uses). */
export const STATUS_NAMES = ["Queued", "Initializing", "Running", "Completed", "Cancelled"] as const;

export const DISPOSITION = { None: 0, Success: 1, Warning: 2, Error: 3, Cancelled: 4 } as const;
export type DispositionCode = (typeof DISPOSITION)[keyof typeof DISPOSITION];
export const DISPOSITION_NAMES = ["None", "Success", "Warning", "Error", "Cancelled"] as const;

/**
 * Priorities. Codes 0..9 are numeric priorities (shown as "0".."9" in job summaries); codes 10..14
 * are the named ones. A job keeps whichever form it was queued with.
 */
export const PRIORITY_NAMES = ["Default", "Low", "Medium", "High", "Critical"] as const;
export type PriorityName = (typeof PRIORITY_NAMES)[number];
export const NAMED_PRIORITY_BASE = 10;
export const PRIORITY_CODE_COUNT = NAMED_PRIORITY_BASE + PRIORITY_NAMES.length;

/** Where each named priority sits on the 0..9 numeric scale (used to sort and to name numbers). */
const NAMED_LEVEL: Record<PriorityName, number> = { Default: 0, Low: 2, Medium: 4, High: 6, Critical: 8 };

export function priorityCodeOfName(name: PriorityName): number {
  return NAMED_PRIORITY_BASE + PRIORITY_NAMES.indexOf(name);
}

/** The string a job summary shows: a name, or a number as a string. */
export function priorityLabel(code: number): string {
  return code >= NAMED_PRIORITY_BASE ? (PRIORITY_NAMES[code - NAMED_PRIORITY_BASE] ?? "Default") : String(code);
}

/** The name a full job (JobView) shows: numeric priorities are named by the band they fall in. */
export function priorityName(code: number): PriorityName {
  if (code >= NAMED_PRIORITY_BASE) return PRIORITY_NAMES[code - NAMED_PRIORITY_BASE] ?? "Default";
  if (code <= 0) return "Default";
  if (code <= 2) return "Low";
  if (code <= 4) return "Medium";
  if (code <= 6) return "High";
  return "Critical";
}

/**
 * A sort key for `sortField=Priority`: the position on the 0..9 scale, with a name just after the
 * number it stands for (so "High" sorts right after "6").
 */
export function prioritySortKey(code: number): number {
  if (code >= NAMED_PRIORITY_BASE) {
    const name = PRIORITY_NAMES[code - NAMED_PRIORITY_BASE] ?? "Default";
    return NAMED_LEVEL[name] * 2 + 1;
  }
  return code * 2;
}

export type Role = "Curator" | "Artisan";

export interface SimUser {
  /** A 24-hex user id (what the `users` filter takes). */
  id: string;
  name: string;
  role: Role;
  clientId: string;
  clientSecret: string;
}

export interface SimWorkflow {
  /** A 24-hex workflow id. */
  id: string;
  /** The name as jobs show it, e.g. "Sales load.yxmd". */
  name: string;
  /** Whether its jobs run on the AMP engine. */
  runWithE2: boolean;
  /** A short, file-name-friendly stem used in generated messages and outputs. */
  stem: string;
}

/** Simulated durations of a job queued through the API, in simulated milliseconds. */
export const LIFECYCLE_MS = { queued: 2_000, initializing: 1_000, running: 5_000 } as const;
