/** Parsers for option values: each returns the value or throws commander's InvalidArgumentError (exit 2). */
import { InvalidArgumentError } from "commander";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** "90s", "10m", "1.5h" → milliseconds. A bare number is refused: the unit is never guessed. */
export function duration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError(`expected a duration such as 30s, 10m or 2h, got '${text}'`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as "s" | "m" | "h"];
  if (ms <= 0 || ms > 2_147_483_647) throw new InvalidArgumentError(`duration out of range: '${text}'`);
  return ms;
}

/**
 * A point in time: "yyyy-MM-dd" (midnight UTC) or a relative "7d", "24h", "2w", "90m" before `now`.
 * Returned as a Date; the API's date filters take its UTC day.
 */
export function pointInTime(text: string, now = Date.now()): Date {
  const trimmed = text.trim();
  const relative = /^(\d+)(m|h|d|w)$/.exec(trimmed);
  if (relative) return new Date(now - Number(relative[1]) * UNIT_MS[relative[2] as "m" | "h" | "d" | "w"]);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    if (date.toISOString().slice(0, 10) === trimmed) return date;
  }
  throw new InvalidArgumentError(`expected a date yyyy-MM-dd or a relative time such as 7d or 24h, got '${text}'`);
}

/** The UTC day of a date, as the API's date filters want it. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

export function integer(min: number, max = Number.POSITIVE_INFINITY) {
  const range = Number.isFinite(max) ? `from ${min} to ${max}` : `of at least ${min}`;
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number ${range}, got '${text}'`);
    }
    return n;
  };
}

/** A value that must be one of `choices`, matched without regard to case and written as the API spells it. */
export function oneOf<T extends string>(choices: readonly T[]) {
  return (text: string): T => {
    const found = choices.find((c) => c.toLowerCase() === text.trim().toLowerCase());
    if (!found) throw new InvalidArgumentError(`expected one of ${choices.join(", ")}, got '${text}'`);
    return found;
  };
}

/** A repeatable option that also takes comma-separated lists: `--status Queued,Running --status Initializing`. */
export function listOf<T>(parse: (text: string) => T) {
  return (text: string, previous: T[] | undefined): T[] => {
    const items = text.split(",").map((s) => s.trim());
    if (items.some((s) => s === "")) throw new InvalidArgumentError(`empty item in '${text}'`);
    return [...(previous ?? []), ...items.map(parse)];
  };
}

/** A repeatable option taken as it is (values that may contain commas, such as an answer to a question). */
export const repeated = (text: string, previous: string[] | undefined): string[] => [...(previous ?? []), text];

/** `--question name=value` → { name, value }; the value may contain "=". */
export function nameValue(text: string, previous: { name: string; value: string }[] | undefined) {
  const at = text.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError(`expected name=value, got '${text}'`);
  return [...(previous ?? []), { name: text.slice(0, at), value: text.slice(at + 1) }];
}

/** A non-empty string without surrounding spaces, such as a job or workflow id. */
export function nonEmpty(text: string): string {
  if (text.trim() === "") throw new InvalidArgumentError("must not be empty");
  return text.trim();
}
