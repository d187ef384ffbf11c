/** Runs the MCP server on stdio until the client closes it. stdout is the protocol: every log line goes to stderr. */
import { resolve } from "node:path";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Context } from "../context.js";
import { VERSION } from "../program.js";
import type { McpFlags } from "./command.js";
import { createJobsMcpServer } from "./server.js";

export async function serveStdio(ctx: Context, flags: McpFlags): Promise<void> {
  // The configuration is checked before serving: a missing URL or key is a usage error, not a silent server.
  const client = await ctx.client();
  const baseUrl = await ctx.baseUrl();
  const outputDir = flags.outputDir ? resolve(flags.outputDir) : undefined;
  const server = createJobsMcpServer({ client, version: VERSION, allowWrites: flags.allowWrites === true, outputDir });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = done;
    process.stdin.once("end", done);
  });
  await server.connect(transport);
  const mode = flags.allowWrites ? "writes allowed (cancel asks the person)" : "read-only";
  ctx.note(`alteryx-jobs mcp: serving ${baseUrl} over stdio, ${mode}${outputDir ? `, outputs to ${outputDir}` : ""}`);
  await closed;
  await server.close();
}
