/**
 * What the server profile and the claim checks share: the context they probe with, the way a probe gives up
 * ("unknown" or "not checked", with the reason), and reading job lists straight from the server.
 */
import type { ConformanceHints } from "./hints.js";
import type { Direct, Exchange } from "./http.js";
import type { Credentials, Role } from "./preflight.js";

export interface ProbeContext {
  direct: Direct;
  token: string;
  role: Role;
  roleShownBy: Exchange;
  writes: boolean;
  workflowId: string | undefined;
  artisan: Credentials | undefined;
  /** How the running program takes its settings, for the reasons it gives. */
  hints: ConformanceHints;
}

/** A claim check's verdict: the server behaves as the spec reads, it does not, or the run could not tell. */
export type Verdict = "confirmed" | "refuted" | "not checked";

export interface ClaimResult {
  verdict: Verdict;
  /** What the server does, in a few words (not when not checked). */
  answer?: string;
  /** The requests and answers that showed it, or why it was not checked. */
  evidence: string;
}

export const UNKNOWN_JOB = "000000000000000000000000";

/** Thrown by a probe that cannot answer here; its message says why. */
export class Unknown extends Error {}

export function needCurator(ctx: ProbeContext): void {
  if (ctx.role !== "Curator") throw new Unknown(`needs a Curator's key (${ctx.roleShownBy.line} for this key)`);
}

/** Why a probe stopped: its own reason, or the error that broke it. */
export function whyUnknown(error: unknown): string {
  return error instanceof Unknown ? error.message : `the probe failed: ${(error as Error).message}`;
}

export function list(ctx: ProbeContext, query: string): Promise<Exchange> {
  return ctx.direct(`/v3/jobs?${query}`, { token: ctx.token });
}

/** The jobs of a 200 list answer, or Unknown when the answer is no list. */
export function jobsOf<T = Record<string, unknown>>(exchange: Exchange): T[] {
  const data = (exchange.body as { data?: unknown } | undefined)?.data;
  if (exchange.status !== 200 || !Array.isArray(data)) throw new Unknown(`${exchange.line}: no job list to look at`);
  return data as T[];
}

/** `totalItems` of a 200 list answer, or undefined. */
export function totalOf(exchange: Exchange): number | undefined {
  const total = (exchange.body as { pagination?: { totalItems?: unknown } } | undefined)?.pagination?.totalItems;
  return exchange.status === 200 && typeof total === "number" ? total : undefined;
}

export const DAY_MS = 86_400_000;

/** When a listed job completed: startTime plus executionTime (hh:mm:ss, or d.hh:mm:ss). */
export function completedAt(job: { startTime?: string | null; executionTime?: string | null }): number | undefined {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(job.executionTime ?? "");
  const start = Date.parse(job.startTime ?? "");
  if (!match || Number.isNaN(start)) return undefined;
  const [, d, h, m, s] = match.map(Number);
  return start + (((d || 0) * 24 + (h ?? 0)) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000;
}

export const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
