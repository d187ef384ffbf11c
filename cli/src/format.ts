/** How times, durations and job states read on a terminal. */
import { jobState } from "alteryx-jobs-api";
import type { Colors } from "./terminal.js";

/** 65_000 → "1m 05s"; 3_725_000 → "1h 02m"; 200_000_000 → "2d 07h". */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "-";
  const s = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86_400)}d ${pad(Math.floor(s / 3600) % 24)}h`;
}

/**
 * "3m ago", "in 2h", "just now": the largest unit only, so that a table's time column stays narrow (a job table
 * must fit 80 columns); the exact time stays available through `get` and --json.
 */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  const at = parseTime(iso);
  if (at === undefined) return "-";
  const delta = now - at;
  if (Math.abs(delta) < 5_000) return "just now";
  const coarse = humanDuration(Math.abs(delta)).split(" ")[0]!;
  return delta > 0 ? `${coarse} ago` : `in ${coarse}`;
}

/**
 * A server time as epoch ms. The server writes some times without an offset; they are read as UTC, the
 * time zone the API documents (inferred from the help page's examples, which end in Z).
 */
export function parseTime(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The list's executionTime, "hh:mm:ss" or "d.hh:mm:ss[.fff]" (.NET TimeSpan), as ms. */
export function parseTimeSpan(text: string | null | undefined): number | undefined {
  const match = text ? /^(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text) : null;
  if (!match) return undefined;
  return ((Number(match[1] ?? 0) * 24 + Number(match[2])) * 60 + Number(match[3])) * 60_000 + Number(match[4]) * 1000;
}

/** A status or disposition coloured by what it means: green done well, yellow warning, red failed. */
export function paintState(text: string | null | undefined, c: Colors): string {
  if (!text) return "-";
  const state = jobState(text);
  if (state === "succeeded" || state === "completed") return c.green(text);
  if (state === "warning") return c.yellow(text);
  if (state === "failed" || state === "cancelled") return c.red(text);
  if (state === "running") return c.cyan(text);
  return text;
}

/** Message kinds as the engine numbers them (see JobMessage.status in the spec). */
export function messageKind(status: number): string {
  return (
    ({ 1: "info", 2: "warning", 3: "error", 4: "done", 5: "output" } as Record<number, string>)[status] ??
    `kind ${status}`
  );
}

export function paintKind(status: number, c: Colors): string {
  const kind = messageKind(status);
  return status === 3 ? c.red(kind) : status === 2 ? c.yellow(kind) : c.dim(kind);
}
