/**
 * Drives the MCP server through the SDK's Client: in memory (InMemoryTransport) or over stdio. Every successful
 * tool result is checked against the tool's declared output schema with Ajv (JSON Schema 2020-12, the MCP default),
 * and every text the server sends is kept for the check that none carries a secret.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export interface Driver {
  client: Client;
  tools: Tool[];
  /** Calls a tool; a result without isError must carry structuredContent that fits the output schema. */
  call(name: string, args?: Record<string, unknown>, onprogress?: (p: { progress: number }) => void): Promise<Called>;
  close(): Promise<void>;
}

export interface Called {
  isError: boolean;
  text: string;
  data: any;
}

/** Everything any server sent in this process: tool texts, structured contents, error texts. */
export const seen: string[] = [];

export interface DriverOptions {
  /** Answers the server's elicitation requests; without it, the client declares no elicitation capability. */
  elicit?: (message: string) => ElicitResult;
}

export async function drive(transport: Transport, options: DriverOptions = {}): Promise<Driver> {
  const client = new Client(
    { name: "alteryx-jobs-tests", version: "1.0.0" },
    { capabilities: options.elicit ? { elicitation: { form: {} } } : {} },
  );
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, (request) => answer(request.params.message));
  }
  await client.connect(transport);
  const { tools } = await client.listTools();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>(tools.map((t) => [t.name, ajv.compile(t.outputSchema!)]));
  return {
    client,
    tools,
    async call(name, args = {}, onprogress) {
      const result = (await client.callTool(
        { name, arguments: args },
        undefined,
        onprogress ? { onprogress, resetTimeoutOnProgress: true } : {},
      )) as CallToolResult;
      const text = result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
      seen.push(text, JSON.stringify(result.structuredContent ?? null));
      if (!result.isError) {
        const validate = validators.get(name)!;
        const valid = validate(result.structuredContent);
        expect(validate.errors ?? [], `${name}: structuredContent fits its output schema`).toEqual([]);
        expect(valid).toBe(true);
      }
      return { isError: result.isError === true, text, data: result.structuredContent };
    },
    close: () => client.close(),
  };
}

export const byName = (tools: Tool[], name: string) => tools.find((t) => t.name === name)!;
export const READ_TOOLS = [
  "list_jobs",
  "get_job",
  "get_job_messages",
  "list_workflow_jobs",
  "queue_summary",
  "wait_for_job",
  "get_job_outputs",
];
export const WRITE_TOOLS = ["run_workflow", "cancel_jobs"];
