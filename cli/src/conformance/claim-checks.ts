import { PROFILE_QUIRKS } from "alteryx-jobs-simulator/quirks";

/**
 * The checks a conformance run makes of the spec's inferred claims, by id. Each `inferred` entry of the evidence
 * ledger (spec/evidence.yaml) names the check that confirms or refutes it, and every run's report says, for each
 * check, `confirmed`, `refuted` (with the request and answer that showed it) or `not checked` (why).
 * The first ten are the server-profile questions (simulator quirks of the same names).
 */
export const CLAIM_CHECKS = {
  messages: "whether GET /v3/jobs/{jobId}/messages answers an array or one message object",
  completedAfter: "whether completedAfter includes jobs completed on the day itself",
  completedBefore: "whether completedBefore excludes jobs completed on the day itself",
  unstartedTimes: "how a job that has not started carries its start time: null, absent or a zero date",
  trailingSlash: "whether a trailing slash after a path is accepted",
  bearerCase: "whether the Bearer scheme is accepted in any letter case",
  enumCase: "whether enum values of filters are matched in their exact letter case only",
  limitCap: "the largest page a server serves when a larger limit is asked for",
  cancelBody: "whether a successful cancel answers a { message } body or none",
  artisanOnCuratorRoutes: "the status a non-Curator gets on Curator-only operations",
  multiValue: "how several values of statuses, priorities, users and workflowNames travel: comma-separated, repeated",
  dispositions: "the disposition values the jobs of a server carry",
  errorBodies: "the bodies of 401, 403 and 404 answers",
  outputDownload: "the v1 output download: the media type of each format, the status for a format not offered",
  requiredFields: "the fields every job, summary and page of a server carries (the spec's response `required` lists)",
  paging: "whether offset counts the jobs before a page, so that walking pages of limit jobs covers each job once",
  reducedObject: "what includeMessages=false leaves out of a job: its messages, and none of its state",
} as const;

export type ClaimCheckId = keyof typeof CLAIM_CHECKS;

/** The checks that are server-profile questions: answered by the profile, judged against the spec's reading. */
export const PROFILE_QUESTIONS = PROFILE_QUIRKS satisfies readonly ClaimCheckId[];

export type ProfileQuestion = (typeof PROFILE_QUESTIONS)[number];

/** Every check's id, in report order. */
export const CLAIM_IDS = Object.keys(CLAIM_CHECKS) as ClaimCheckId[];

export const isProfileQuestion = (id: ClaimCheckId): id is ProfileQuestion =>
  (PROFILE_QUESTIONS as readonly string[]).includes(id);

/** The checks a scenario of the run makes: judged by that scenario's outcome (the start of its name). */
export const SCENARIO_CHECKS = {
  paging: "paging covers the jobs exactly once",
  reducedObject: "reads a listed job, with and without messages",
} as const satisfies Partial<Record<ClaimCheckId, string>>;

export type ScenarioCheck = keyof typeof SCENARIO_CHECKS;

export const isScenarioCheck = (id: ClaimCheckId): id is ScenarioCheck => id in SCENARIO_CHECKS;

/** The checks of their own (neither profile questions nor scenarios): read-only requests straight to the server. */
export type OwnCheck = Exclude<ClaimCheckId, ProfileQuestion | ScenarioCheck>;
