/** What a tool is (its definition for `tools/list`) and what it gets when it runs. */
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { JobsClient } from "alteryx-jobs-api";
import type { JsonSchema } from "./schemas.js";

export interface ToolContext {
  client: JobsClient;
  /** The folder given with --output-dir (absolute), where outputs too large to show are saved. */
  outputDir: string | undefined;
  /** Aborted when the client cancels the call or the connection closes. */
  signal: AbortSignal;
  /** A progress notification, when the caller asked for them (a progressToken); otherwise nothing. */
  progress(progress: number, message: string, total?: number): Promise<void>;
  /** Asks the person through the client (elicitation); undefined when the client cannot ask. */
  confirm: ((message: string) => Promise<boolean>) | undefined;
  /** Ids the person has been shown by a dry run of cancel_jobs in this session. */
  shownByDryRun: Set<string>;
}

export interface ToolResult<Out> {
  /** The result as `structuredContent`; it matches the tool's output schema. */
  structured: Out;
  /** One or two lines for people and older clients, before the JSON of `structured`. */
  summary: string;
}

/** Every hint spelled out: a client never has to guess from the defaults (which assume the worst). */
export interface Hints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolDefinition<In = Record<string, unknown>, Out = unknown> {
  name: string;
  title: string;
  /** For a model: what it is for, what it costs, what it returns. */
  description: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  hints: Hints;
  /** Listed only when the server was started with --allow-writes. */
  writes: boolean;
  run(input: In, ctx: ToolContext): Promise<ToolResult<Out>>;
}

/** The reads: they change nothing, and reach only the one configured server (a closed world). */
export const READ_ONLY: Hints = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

export function annotationsOf(tool: ToolDefinition): ToolAnnotations {
  return { title: tool.title, ...tool.hints };
}

/** Declares a tool with its input type; the registry holds them without it. */
export const defineTool = <In, Out>(tool: ToolDefinition<In, Out>) => tool as unknown as ToolDefinition;
