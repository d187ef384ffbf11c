/** The exit codes of `alteryx-jobs`, one place for the code, `--help` and the README. */
export const EXIT = {
  ok: 0,
  /** The job ended in Error or was cancelled (or Warning with --fail-on-warning), or a cancel was refused. */
  jobFailed: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  other: 5,
  /** `wait` or `run --wait` ran out of --timeout (the code of coreutils' timeout). */
  timeout: 124,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_HELP: readonly (readonly [ExitCode, string])[] = [
  [EXIT.ok, "success (a run that ended in Warning too, unless --fail-on-warning)"],
  [EXIT.jobFailed, "the job ended in Error or was cancelled, or a cancel was refused or not confirmed"],
  [EXIT.usage, "usage error: unknown flag, bad value, missing configuration (nothing was sent)"],
  [EXIT.auth, "authentication or permission refused (401, 403)"],
  [EXIT.notFound, "not found (404)"],
  [EXIT.other, "any other server, network or timeout error"],
  [EXIT.timeout, "wait or run --wait ran out of --timeout"],
];

/** `conformance` ends with the conformance run's own codes (cli/README.md, "Conformance"). */
export const CONFORMANCE_EXIT_CODE_HELP: readonly (readonly [number, string])[] = [
  [0, "nothing failed (skipped scenarios say why)"],
  [1, "a scenario failed, or Prism saw a request or answer that breaks the spec"],
  [2, "the run could not run; or a usage error, missing configuration, Prism or ajv not installed"],
];

/** An error the command line reports in one line and ends with `exitCode`. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}
