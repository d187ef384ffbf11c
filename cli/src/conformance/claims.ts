/**
 * The claims section of a run: for each check of CLAIM_CHECKS, `confirmed`, `refuted` (with the requests and
 * answers that showed it) or `not checked` (why). Profile questions are judged by their answer against the
 * spec's reading; the other checks run their own read-only probes.
 */
import { SPEC_QUIRKS } from "alteryx-jobs-simulator/quirks";
import {
  CLAIM_IDS,
  type ClaimCheckId,
  type ProfileQuestion,
  SCENARIO_CHECKS,
  type ScenarioCheck,
  isProfileQuestion,
  isScenarioCheck,
} from "./claim-checks.js";
import { ownChecks } from "./claim-probes.js";
import type { Profile } from "./profile.js";
import { type ClaimResult, type ProbeContext, whyUnknown } from "./probing.js";
import type { ScenarioResult } from "./scenario.js";

export type { ClaimResult };
export type ClaimResults = Record<ClaimCheckId, ClaimResult>;

/** A profile answer as a verdict: unknown is not checked; the spec's reading confirms; any other refutes. */
export function profileVerdict(name: ProfileQuestion, profile: Profile): ClaimResult {
  const { value, evidence } = profile[name];
  if (value === "unknown") return { verdict: "not checked", evidence };
  return { verdict: value === SPEC_QUIRKS[name] ? "confirmed" : "refuted", answer: String(value), evidence };
}

/**
 * A scenario's outcome as a verdict: passed confirms; a failure of the scenario's own check refutes (with what it
 * saw); a skip, or a failure for another reason (an error, an answer that breaks the spec elsewhere), checks nothing.
 */
export function scenarioVerdict(id: ScenarioCheck, scenarios: readonly ScenarioResult[]): ClaimResult {
  const result = scenarios.find((s) => s.name.startsWith(SCENARIO_CHECKS[id]));
  if (!result) return { verdict: "not checked", evidence: `the run had no scenario "${SCENARIO_CHECKS[id]}"` };
  // The scenario by the start of its name: a report names each scenario in full once, in its own section.
  const shown = `the scenario "${SCENARIO_CHECKS[id]}" ${result.outcome}`;
  if (result.outcome === "passed") return { verdict: "confirmed", evidence: shown };
  if (result.failedCheck) return { verdict: "refuted", evidence: `${shown}: ${result.failedCheck}` };
  return { verdict: "not checked", evidence: `${shown}: ${result.reason ?? "no reason given"}` };
}

/** Every check not checked, for the same reason (a run that stopped). */
export function noneChecked(reason: string): ClaimResults {
  return Object.fromEntries(CLAIM_IDS.map((id) => [id, { verdict: "not checked", evidence: reason }])) as ClaimResults;
}

/** Judges every claim, in CLAIM_CHECKS order: the profile's answers, the scenarios', and the checks of their own. */
export async function checkClaims(
  ctx: ProbeContext,
  profile: Profile,
  scenarios: readonly ScenarioResult[],
): Promise<ClaimResults> {
  const own = ownChecks(ctx);
  const results = {} as ClaimResults;
  for (const id of CLAIM_IDS) {
    if (isProfileQuestion(id)) {
      results[id] = profileVerdict(id, profile);
      continue;
    }
    if (isScenarioCheck(id)) {
      results[id] = scenarioVerdict(id, scenarios);
      continue;
    }
    try {
      results[id] = await own[id]();
    } catch (error) {
      results[id] = { verdict: "not checked", evidence: whyUnknown(error) };
    }
  }
  return results;
}
