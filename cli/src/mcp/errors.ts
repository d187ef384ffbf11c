/**
 * Failures as tool errors (`isError`): the client's message (operation, status, the server's words) and what to
 * do, in words a person acts on. Never a stack; the client's messages are already free of secrets and tokens.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { JobsApiError } from "alteryx-jobs-api";
import { errorLine } from "../errors.js";

/** A refusal the tool itself decides (bad arguments, no confirmation): said as it is, with no HTTP details. */
export class ToolRefusal extends Error {
  override readonly name = "ToolRefusal";
}

/** What each Curator-only operation is, for the sentence that says an Artisan's key cannot do it. */
const CURATOR_ONLY: Record<string, string> = {
  listJobs: "listing the job queue (list_jobs, queue_summary, cancel_jobs by filter)",
  getJobMessages: "reading a job's messages (get_job_messages)",
};

function curatorSentence(error: JobsApiError): string | undefined {
  const what = error.operationId ? CURATOR_ONLY[error.operationId] : undefined;
  if (!what || (error.status !== 401 && error.status !== 403)) return undefined;
  const said = error.serverMessage ? ` The server said: "${error.serverMessage}"` : "";
  return (
    `The Alteryx Server refused ${what} with ${error.status}.${said} ` +
    "Only a Curator (a server administrator) may do this. If the API key this MCP server was started with " +
    "belongs to an Artisan, ask an administrator for a Curator's API key (My Profile → Keys in the Alteryx " +
    "Server UI) and restart the server with it. Without one, get_job, list_workflow_jobs and wait_for_job " +
    "still work for your own jobs."
  );
}

/** The text of a tool error for any failure. */
export function errorText(error: unknown): string {
  if (error instanceof ToolRefusal) return error.message;
  if (error instanceof JobsApiError) return curatorSentence(error) ?? errorLine(error);
  // Anything else (a file that cannot be written, a bug): its message only, never its stack.
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function toolError(error: unknown): CallToolResult {
  return { isError: true, content: [{ type: "text", text: errorText(error) }] };
}
