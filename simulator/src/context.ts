/** What every request handler works with: the seeded data, the simulated clock, the tokens, and workflow lookups. */
import type { Clock } from "./clock.js";
import type { SimData } from "./seed-data.js";
import type { TokenStore } from "./auth.js";
import type { Quirks } from "./quirks.js";

export interface SimContext {
  readonly data: SimData;
  readonly clock: Clock;
  readonly tokens: TokenStore;
  /** How this server answers where the sources disagree (see quirks.ts). */
  readonly quirks: Quirks;
  /** Workflow index by workflow id. */
  readonly workflowById: ReadonlyMap<string, number>;
  /** Each workflow's position when sorted by name (for sortField=AppName). */
  readonly workflowNameRank: readonly number[];
}

export function createContext(data: SimData, clock: Clock, tokens: TokenStore, quirks: Quirks): SimContext {
  const byName = data.workflows
    .map((w, i) => ({ name: w.name, i }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.i - b.i));
  const workflowNameRank = new Array<number>(data.workflows.length).fill(0);
  for (const [rank, entry] of byName.entries()) workflowNameRank[entry.i] = rank;
  return {
    data,
    clock,
    tokens,
    quirks,
    workflowById: new Map(data.workflows.map((w, i) => [w.id, i])),
    workflowNameRank,
  };
}
