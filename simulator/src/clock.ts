/**
 * The simulated clock. Simulated time starts at SIMULATION_START (just after the generated year of
 * jobs, so the queue the data leaves behind is minutes old, and every run of the simulator sees the
 * same history) and then runs `timeScale` times faster than real time: with a time scale of 100 a
 * 5-second run takes 50 ms. Nothing is scheduled: every state is computed from timestamps on read.
 */
export const SIMULATION_START = Date.UTC(2026, 0, 1);

export interface Clock {
  /** Simulated "now", in milliseconds since the Unix epoch. */
  now(): number;
  readonly timeScale: number;
}

export function createClock(timeScale: number, start = SIMULATION_START, realNow: () => number = Date.now): Clock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError("timeScale must be a positive number");
  const origin = realNow();
  return {
    timeScale,
    now: () => start + (realNow() - origin) * timeScale,
  };
}
