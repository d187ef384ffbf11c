/**
 * Small seeded pseudo-random helpers. Everything the simulator generates comes from these, never
 * from Math.random, so one seed always gives the same data.
 */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG, good enough for test data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two 32-bit numbers into one well-spread 32-bit number (a murmur3-style finaliser). */
export function mix(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Turns a seed given as a number or any string into a 32-bit unsigned integer. */
export function seedToInt(seed: number | string): number {
  if (typeof seed === "number" && Number.isFinite(seed)) return Math.trunc(seed) >>> 0;
  const text = String(seed);
  if (/^\d+$/.test(text) && Number(text) <= 0xffffffff) return Number(text) >>> 0;
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An integer in [min, max], both included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick() needs a non-empty list");
  return item;
}

/** `count` random hex digits. */
export function hex(rng: Rng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += Math.floor(rng() * 16).toString(16);
  return out;
}

/** `n` as exactly `width` lower-case hex digits (the low bits are kept). */
export function hexFixed(n: number, width: number): string {
  return (n >>> 0)
    .toString(16)
    .padStart(8, "0")
    .slice(8 - width);
}

/** A picker of indices by weight (weights need not sum to 1), built once and used in loops. */
export function weightedPicker(weights: readonly number[]): (rng: Rng) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (const [k, w] of weights.entries()) {
    total += w;
    cumulative[k] = total;
  }
  const last = weights.length - 1;
  return (rng) => {
    const r = rng() * total;
    let k = 0;
    while (k < last && r >= (cumulative[k] ?? 0)) k++;
    return k;
  };
}
