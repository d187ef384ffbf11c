/**
 * The conformance suite as a library: `runConformance(options)` runs it and resolves with
 * `{ exitCode, report, profile, role }`; `formatText`, `toJson` and `toJUnit` turn the result into reports.
 */
export { type ConformanceOptions, runConformance } from "./run.js";
export { COMMAND_LINE_HINTS, type ConformanceHints } from "./hints.js";
export { type ConformanceReport, type ConformanceRun, exitCodeOf, formatText, toJUnit, toJson } from "./report.js";
export type { Credentials, Role } from "./preflight.js";
export type { Profile, ProfileAnswer } from "./profile.js";
export type { Outcome, Scenario, ScenarioContext, ScenarioResult } from "./scenario.js";
export { SCENARIOS } from "./scenarios.js";
export { type Violation, parseSlViolations, prismViolations, recordingFetch } from "./violations.js";
export {
  CLAIM_CHECKS,
  CLAIM_IDS,
  type ClaimCheckId,
  PROFILE_QUESTIONS,
  SCENARIO_CHECKS,
  isScenarioCheck,
  type ProfileQuestion,
} from "./claim-checks.js";
export type { ClaimResult, ClaimResults } from "./claims.js";
