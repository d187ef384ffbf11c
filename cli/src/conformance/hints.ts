/**
 * How the running program is told things. The npm script and the command line take the same settings in different
 * ways (`--target` and environment variables; `--url` and `--workflow-id`): every hint of the run names what the
 * program that runs it accepts, so each caller passes its own wording.
 */
export interface ConformanceHints {
  /** The option that gives the server's API root. */
  target: string;
  /** What to do so that the run may queue and cancel (its own) jobs of a workflow. */
  allowWrites: string;
  /** What to do to name a workflow this key may run. */
  nameWorkflow: string;
  /** What to do to add an Artisan's key. */
  addArtisan: string;
}

/** `alteryx-jobs conformance`. */
export const COMMAND_LINE_HINTS: ConformanceHints = {
  target: "--url",
  allowWrites: "pass --workflow-id with a workflow this key may run",
  nameWorkflow: "pass --workflow-id with a workflow this key may run",
  addArtisan: "set ALTERYX_ARTISAN_CLIENT_ID and ALTERYX_ARTISAN_CLIENT_SECRET",
};
