/** Every failure becomes one line on stderr and an exit code; the stack only with --debug. */
import { CommanderError } from "commander";
import { JobsApiError } from "alteryx-jobs-api";
import { CliError, EXIT, type ExitCode } from "./exit-codes.js";

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof JobsApiError) {
    if (error.kind === "invalid-request") return EXIT.usage;
    if (error.status === 401 || error.status === 403) return EXIT.auth;
    if (error.status === 404) return EXIT.notFound;
  }
  return EXIT.other;
}

/** What to do about it, after the client's message (which says what failed). */
function hint(error: JobsApiError): string | undefined {
  if (error.status === 404 && error.operationId === "requestToken")
    return "check the server URL: it is the API root, ending in /webapi";
  if (error.operationId === "requestToken" && (error.status === 400 || error.status === 401)) {
    return "check the API access key and secret (My Profile → Keys)";
  }
  if (error.status === 401) return "check the credentials; listing the queue and reading messages need a Curator";
  if (error.status === 403) return "the account lacks the permission for this";
  if (error.status === 404) return "check the id, and that the server URL ends in /webapi";
  if (error.kind === "network") return "check the server URL, the network and, for a private CA, --ca-file";
  if (error.kind === "timeout") return "the server did not answer in time; try again later";
  return undefined;
}

export function errorLine(error: unknown): string {
  if (error instanceof JobsApiError) {
    const what = hint(error);
    return what ? `${error.message} (${what})` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
