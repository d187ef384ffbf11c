/**
 * `runConformance(options)`: the whole conformance run as a function, for `npm run conformance` and the
 * `alteryx-jobs conformance` command. Pre-flight straight to the server; then every scenario through the client
 * and `prism proxy --errors`; then the server profile and the checks of the spec's claims. Read-only unless
 * `allowWrites`.
 */
import { createJobsClient, type JobsClientOptions, parseBaseUrl, SecretScrubber } from "alteryx-jobs-api";
import { createSpecValidator } from "alteryx-jobs-api/validate";
import { type PrismHandle, startPrism } from "./prism.js";
import { type Direct, type Exchange, directTo } from "./http.js";
import { unreachableCause } from "./network-cause.js";
import { COMMAND_LINE_HINTS, type ConformanceHints } from "./hints.js";
import { type Cleared, type Credentials, preflight, type Role } from "./preflight.js";
import { PROFILE_QUESTIONS } from "./claim-checks.js";
import { checkClaims, noneChecked } from "./claims.js";
import { detectProfile } from "./profile.js";
import { type ConformanceReport, type ConformanceRun, exitCodeOf } from "./report.js";
import { CheckFailed, type Scenario, type ScenarioContext, type ScenarioResult, Skip } from "./scenario.js";
import { SCENARIOS } from "./scenarios.js";
import { type Violation, describeViolations, recordingFetch } from "./violations.js";

export interface ConformanceOptions {
  /** The server's API root, ending in /webapi. */
  target: string;
  /** The API access key and secret the run signs in with. */
  credentials: Credentials;
  /** An Artisan's key as well, to learn how Curator-only operations refuse it (profile: artisanOnCuratorRoutes). */
  artisanCredentials?: Credentials;
  /** Queue and cancel jobs of `workflowId` (only the run's own). Default false: only GET and the token POST. */
  allowWrites?: boolean;
  /** The workflow to queue runs of (writes), and to list jobs of. */
  workflowId?: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** How long a queued job may take to finish; default 15 minutes. */
  waitTimeoutMs?: number;
  /** Progress lines while the run goes (one per scenario). */
  onProgress?: (line: string) => void;
  /** How the running program takes its settings, for the hints of the report; default the command line's. */
  hints?: ConformanceHints;
  /** Scenarios to run instead of the built-in ones (tests). */
  scenarios?: readonly Scenario[];
}

function allUnknown(): ConformanceReport["profile"] {
  return Object.fromEntries(PROFILE_QUESTIONS.map((name) => [name, "unknown"])) as ConformanceReport["profile"];
}

/** Why a scenario failed, in one line: a refused check, Prism's violations, or the error the client raised. */
function failureReason(error: unknown, violations: readonly Violation[]): string {
  const broken = violations.length > 0 ? `the answer breaks the spec: ${describeViolations(violations)}` : "";
  if (error instanceof CheckFailed) return broken ? `${error.message}; ${broken}` : error.message;
  return broken || (error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error));
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceRun> {
  const root = parseBaseUrl(options.target);
  const target = root ?? options.target;
  const startedAt = new Date().toISOString();
  // Every secret and token the run knew leaves the report, wherever a server may have echoed one: the client's
  // own scrubber, so the same forms (encoded, inside Basic credentials) and any Bearer or Basic words go.
  const secrets = new SecretScrubber();
  for (const credentials of [options.credentials, options.artisanCredentials]) {
    if (credentials) secrets.addClientCredentials(credentials.clientId, credentials.clientSecret);
  }
  const finish = (report: ConformanceReport, rest: Omit<ConformanceRun, "report" | "exitCode">): ConformanceRun => {
    const clean = secrets.scrubValue(report);
    return { exitCode: exitCodeOf(clean), report: clean, ...secrets.scrubValue(rest) };
  };
  const hints = options.hints ?? COMMAND_LINE_HINTS;
  const stop = (reason: string) =>
    finish(
      {
        target,
        startedAt,
        scenarios: [],
        violations: [],
        profile: allUnknown(),
        claims: noneChecked("the run stopped before any check"),
        stopped: reason,
      },
      { profile: undefined, role: undefined },
    );

  if (root === undefined) {
    return stop(`${hints.target} must be an http(s) URL ending in /webapi, not '${options.target}'`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const direct = directTo(target, timeoutMs);
  let cleared: Cleared;
  try {
    const result = await preflight(target, direct, options.credentials, hints);
    if (!result.ok) return stop(result.reason);
    cleared = result;
  } catch (error) {
    return stop(`could not reach ${target}: ${unreachableCause(target, error)}`);
  }
  secrets.add(cleared.token);

  let prism: PrismHandle;
  try {
    prism = await startPrism({ upstream: target });
  } catch (error) {
    return stop(`Prism (the spec checker) did not start: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    const violations: Violation[] = [];
    const scenarios = await runScenarios(options, cleared, prism.url, violations, direct);
    options.onProgress?.("server profile…");
    const probing = {
      direct,
      token: cleared.token,
      role: cleared.role,
      roleShownBy: cleared.roleShownBy,
      writes: options.allowWrites === true,
      workflowId: options.workflowId,
      artisan: options.artisanCredentials,
      hints,
    };
    const profile = await detectProfile(probing);
    options.onProgress?.("checks of the spec's claims…");
    const claims = await checkClaims(probing, profile, scenarios);
    const values = Object.fromEntries(
      PROFILE_QUESTIONS.map((name) => [name, profile[name].value]),
    ) as ConformanceReport["profile"];
    return finish(
      { target, startedAt, scenarios, violations, profile: values, claims },
      { profile, role: cleared.role },
    );
  } finally {
    await prism.stop();
  }
}

/** Why a scenario cannot run with this key and these settings, or undefined when it can. */
function whyNot(
  scenario: Scenario,
  role: Role,
  roleShownBy: Exchange,
  options: ConformanceOptions,
): string | undefined {
  if (scenario.curator && role !== "Curator") return `needs a Curator's key (${roleShownBy.line} for this key)`;
  if (!scenario.writes || (options.allowWrites && options.workflowId)) return undefined;
  const hints = options.hints ?? COMMAND_LINE_HINTS;
  const why = options.allowWrites
    ? `no workflow is named (${hints.nameWorkflow})`
    : `writes are off (${hints.allowWrites})`;
  return `queues and cancels a job: ${why}`;
}

/** Runs one scenario; `seen` holds the violations of its requests so far. */
async function judge(scenario: Scenario, ctx: ScenarioContext, seen: () => Violation[]): Promise<ScenarioResult> {
  const { name } = scenario;
  try {
    await scenario.run(ctx);
    const broken = seen();
    if (broken.length === 0) return { name, outcome: "passed" };
    return { name, outcome: "failed", reason: `the answers break the spec: ${describeViolations(broken)}` };
  } catch (error) {
    if (error instanceof Skip) return { name, outcome: "skipped", reason: error.message };
    const failedCheck = error instanceof CheckFailed ? { failedCheck: error.message } : {};
    return { name, outcome: "failed", reason: failureReason(error, seen()), ...failedCheck };
  }
}

async function runScenarios(
  options: ConformanceOptions,
  cleared: Cleared,
  prismUrl: string,
  violations: Violation[],
  direct: Direct,
): Promise<ScenarioResult[]> {
  let current: Violation[] = [];
  const fetchThroughPrism = recordingFetch((found) => current.push(...found));
  const clientWith = (extra: Partial<JobsClientOptions>) =>
    createJobsClient({
      baseUrl: prismUrl,
      auth: options.credentials,
      fetch: fetchThroughPrism,
      retry: { retries: 0 },
      timeoutMs: options.timeoutMs ?? 30_000,
      ...extra,
    });
  const validator = createSpecValidator();
  const ctx: ScenarioContext = {
    client: clientWith({}),
    clientWith,
    direct,
    token: cleared.token,
    role: cleared.role,
    withoutToken: cleared.withoutToken,
    workflowId: options.workflowId,
    hints: options.hints ?? COMMAND_LINE_HINTS,
    waitTimeoutMs: options.waitTimeoutMs ?? 15 * 60_000,
    skip: (reason) => {
      throw new Skip(reason);
    },
    check: (condition, message) => {
      if (!condition) throw new CheckFailed(message);
    },
    validate: (operationId, exchange) => {
      const request = `${exchange.method} ${exchange.path.split("?")[0]} (straight to the server)`;
      for (const v of validator.validateResponse(operationId, exchange.status, exchange.body)) {
        const location = `response.body${v.path === "/" || v.path === "" ? "" : v.path}`;
        current.push({ request, location, message: v.message });
      }
    },
  };

  const results: ScenarioResult[] = [];
  for (const scenario of options.scenarios ?? SCENARIOS) {
    current = [];
    const why = whyNot(scenario, cleared.role, cleared.roleShownBy, options);
    const result = why
      ? { name: scenario.name, outcome: "skipped" as const, reason: why }
      : await judge(scenario, ctx, () => current);
    violations.push(...current);
    results.push(result);
    options.onProgress?.(`${result.outcome} ${scenario.name}`);
  }
  return results;
}
