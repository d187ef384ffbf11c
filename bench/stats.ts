/** Medians, ratios, number formatting and markdown tables for the benchmark report. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function max(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

/**
 * Runs every variant once per repetition, rotating the order each repetition so that no variant always
 * goes first (or last) while the machine warms up, throttles or is disturbed by something else.
 */
export async function interleaved<V extends { name: string }, R>(
  variants: readonly V[],
  repetitions: number,
  run: (variant: V, repetition: number) => Promise<R>,
): Promise<Map<string, R[]>> {
  const results = new Map<string, R[]>(variants.map((v) => [v.name, []]));
  for (let rep = 0; rep < repetitions; rep++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(k + rep) % variants.length]!;
      results.get(variant.name)!.push(await run(variant, rep));
    }
  }
  return results;
}

/** 12345.6 -> "12,346"; small numbers keep a decimal or two. */
export function num(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

export function ratio(value: number, baseline: number): string {
  return Number.isFinite(value / baseline) ? `${(value / baseline).toFixed(2)}×` : "n/a";
}

export const ms = (value: number) => (value >= 10_000 ? `${num(value / 1000, 1)} s` : `${num(value, 0)} ms`);
export const mb = (bytes: number) => `${num(bytes / (1024 * 1024), 1)} MB`;
export const kb = (bytes: number) => `${num(bytes / 1000, 2)} kB`;

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A target's verdict, collected by each section and printed together at the end. */
export interface Target {
  name: string;
  met: boolean;
  figure: string;
}
