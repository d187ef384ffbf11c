/**
 * The MCP server for the job queue: the tools (writes only when allowed), the resources and the instructions.
 * Tools are served through the SDK's underlying Server (the documented way for custom handlers) because their
 * schemas are JSON Schema taken from the spec, which McpServer's registerTool (Zod) cannot take as they are.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
import type { JobsClient } from "alteryx-jobs-api";
import { ToolRefusal, toolError } from "./errors.js";
import { registerResources } from "./resources.js";
import type { JsonSchema } from "./schemas.js";
import { annotationsOf, type ToolContext, type ToolDefinition } from "./tool.js";
import { getJob, getJobMessages, listJobs, listWorkflowJobs } from "./tools/jobs.js";
import { getJobOutputs } from "./tools/outputs.js";
import { queueSummary } from "./tools/summary.js";
import { waitForJob } from "./tools/wait.js";
import { cancelJobs, runWorkflow } from "./tools/writes.js";

export const ALL_TOOLS: readonly ToolDefinition[] = [
  listJobs,
  getJob,
  getJobMessages,
  listWorkflowJobs,
  queueSummary,
  waitForJob,
  getJobOutputs,
  runWorkflow,
  cancelJobs,
];

export interface JobsMcpServerOptions {
  client: JobsClient;
  version: string;
  /** List and run the tools that change the queue (run_workflow, cancel_jobs). */
  allowWrites?: boolean;
  /** An absolute folder for outputs too large to return inline. */
  outputDir?: string;
}

const INSTRUCTIONS = `Tools for the job queue of one Alteryx Server (REST API v3).
Start with queue_summary for "what failed?" or "is the queue stuck?", list_jobs to find jobs, get_job for one job's
result (errors first), wait_for_job to follow a run. A failed run ends with status Completed and disposition Error.
Listing the queue and reading messages need a Curator's key.`;

const WRITES_NOTE = `
Writes are allowed: run_workflow queues a run; cancel_jobs changes nothing unless dryRun is false, and then the person
confirms.`;

/** Ask the person a yes/no question through the client, where it supports (form) elicitation. */
function confirmer(server: McpServer, signal: AbortSignal): ToolContext["confirm"] {
  const elicitation = server.server.getClientCapabilities()?.elicitation;
  if (!elicitation || !(elicitation.form || Object.keys(elicitation).length === 0)) return undefined;
  return async (message) => {
    const answer = await server.server.elicitInput(
      {
        mode: "form",
        message,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: "Yes, cancel these jobs" } },
          required: ["confirm"],
        },
      },
      { signal },
    );
    return answer.action === "accept" && answer.content?.confirm === true;
  };
}

export function createJobsMcpServer(options: JobsMcpServerOptions): McpServer {
  const tools = ALL_TOOLS.filter((t) => options.allowWrites || !t.writes);
  const server = new McpServer(
    { name: "alteryx-jobs", title: "Alteryx Server job queue", version: options.version },
    { instructions: INSTRUCTIONS + (options.allowWrites ? WRITES_NOTE : "") },
  );
  const validator = new AjvJsonSchemaValidator();
  const checkInput = new Map(
    tools.map((t) => [t.name, validator.getValidator<Record<string, unknown>>(t.inputSchema)]),
  );
  const shownByDryRun = new Set<string>();

  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema as { type: "object" } & JsonSchema,
      outputSchema: t.outputSchema as { type: "object" } & JsonSchema,
      annotations: annotationsOf(t),
    })),
  }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) {
      const hidden = ALL_TOOLS.some((t) => t.name === request.params.name);
      const why = hidden ? " (it changes the queue: start the server with --allow-writes to offer it)" : "";
      throw new McpError(ErrorCode.InvalidParams, `no tool ${request.params.name}${why}`);
    }
    const input = request.params.arguments ?? {};
    const checked = checkInput.get(tool.name)!(input);
    if (!checked.valid)
      return toolError(new ToolRefusal(`invalid arguments for ${tool.name}: ${checked.errorMessage}`));
    const token = request.params._meta?.progressToken;
    const ctx: ToolContext = {
      client: options.client,
      outputDir: options.outputDir,
      signal: extra.signal,
      shownByDryRun,
      confirm: confirmer(server, extra.signal),
      progress: async (progress, message, total) => {
        if (token === undefined) return;
        await extra
          .sendNotification({
            method: "notifications/progress",
            params: { progressToken: token, progress, message, ...(total !== undefined ? { total } : {}) },
          })
          .catch(() => undefined); // a lost notification must not fail the call
      },
    };
    try {
      const { structured, summary } = await tool.run(input, ctx);
      return {
        structuredContent: structured as Record<string, unknown>,
        content: [{ type: "text", text: `${summary}\n\n${JSON.stringify(structured)}` }],
      };
    } catch (error) {
      return toolError(error);
    }
  });
  registerResources(server, options.client);
  return server;
}
