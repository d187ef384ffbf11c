/**
 * The simulated clock. By default simulated time starts now (the real clock): the generated year of jobs
 * ends just before it, so a job queued a second ago is dated a second ago and "the last 7 days" hold runs.
 * Tests that compare with dates pass a fixed start (FIXED_START), so every run sees the same history. From
 * its start, simulated time runs `timeScale` times faster than real time: with a time scale of 100 a 5-second
 * run takes 50 ms. Nothing is scheduled: every state is computed from timestamps on read.
 */
/** A fixed start for reproducible tests: the generated history is then the year 2025. */
export const FIXED_START = Date.UTC(2026, 0, 1);

export interface Clock {
  /** Simulated "now", in milliseconds since the Unix epoch. */
  now(): number;
  /** Where simulated time started (whole seconds). */
  readonly start: number;
  readonly timeScale: number;
}

/** A start option as milliseconds since the epoch, in whole seconds; the default is the real time now. */
export function startOf(start: Date | number | string | undefined, realNow: () => number = Date.now): number {
  const ms = start === undefined ? realNow() : typeof start === "number" ? start : new Date(start).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`start must be a date (e.g. 2026-01-01T00:00:00Z), not '${start}'`);
  return Math.floor(ms / 1000) * 1000;
}

export function createClock(timeScale: number, start = startOf(undefined), realNow: () => number = Date.now): Clock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError("timeScale must be a positive number");
  const origin = realNow();
  return {
    timeScale,
    start,
    now: () => start + (realNow() - origin) * timeScale,
  };
}
