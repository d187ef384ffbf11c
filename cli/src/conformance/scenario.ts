/** What a scenario is, what it gets to work with, and how it ends: passed, failed or skipped with a reason. */
import type { ConformanceHints } from "./hints.js";
import type { JobsClient, JobsClientOptions } from "alteryx-jobs-api";
import type { Direct, Exchange } from "./http.js";
import type { Role } from "./preflight.js";

export type Outcome = "passed" | "failed" | "skipped";

export interface ScenarioResult {
  name: string;
  outcome: Outcome;
  /** Why it failed or was skipped. */
  reason?: string;
  /** The scenario's own check that failed, when that is what failed it (not an error or a violation). */
  failedCheck?: string;
}

/** Thrown by `ctx.skip(reason)`: the scenario could not check anything here, and says why. */
export class Skip extends Error {
  override readonly name = "Skip";
}

/** Thrown by `ctx.check(...)`: the server did not do what the scenario expects. */
export class CheckFailed extends Error {
  override readonly name = "CheckFailed";
}

export interface ScenarioContext {
  /** The client, through `prism proxy --errors`, with the run's credentials. */
  client: JobsClient;
  /** Another client through Prism, e.g. with other credentials. */
  clientWith(options: Partial<JobsClientOptions>): JobsClient;
  /** Requests straight to the server (no Prism), for what Prism would answer itself. */
  direct: Direct;
  /** The run's token (from pre-flight). */
  token: string;
  role: Role;
  /** The pre-flight request without a token. */
  withoutToken: Exchange;
  /** How the running program takes its settings, for the reasons a scenario gives when it skips. */
  hints: ConformanceHints;
  /** A workflow to queue runs of (as the run was given), or one the run found. */
  workflowId: string | undefined;
  waitTimeoutMs: number;
  /** Ends the scenario as skipped, with the reason shown in the report. */
  skip(reason: string): never;
  /** Fails the scenario with `message` unless `condition` holds. */
  check(condition: unknown, message: string): void;
  /** Checks a direct answer's body against the schema the spec declares for it (Prism did not see it). */
  validate(operationId: string, exchange: Exchange): void;
}

export interface Scenario {
  name: string;
  /** A Curator's key (GET /v3/jobs, messages): skipped for an Artisan's. */
  curator?: boolean;
  /** Queues or cancels jobs: skipped unless writes are allowed and a workflow id is given. */
  writes?: boolean;
  run(ctx: ScenarioContext): Promise<void>;
}
