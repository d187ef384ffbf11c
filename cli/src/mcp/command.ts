/** `alteryx-jobs mcp`: registered with the other commands; the MCP SDK is loaded only when it runs. */
import type { Command } from "commander";
import { action } from "../context.js";

export interface McpFlags {
  allowWrites?: boolean;
  outputDir?: string;
}

export function registerMcp(program: Command): void {
  program
    .command("mcp")
    .description("serve the job queue to AI assistants: a Model Context Protocol server on stdin/stdout")
    .option("--allow-writes", "also offer the tools that change the queue: run_workflow and cancel_jobs")
    .option("--output-dir <dir>", "save job outputs too large (or not text) to return inline into this folder")
    .addHelpText(
      "after",
      "\nRead-only unless --allow-writes; a cancel is confirmed by the person. Logs go to stderr (stdout is the\n" +
        "protocol). Configured like every command: --url/--profile or ALTERYX_* (see alteryx-jobs --help).",
    )
    .action(
      action(async (ctx, flags: McpFlags) => {
        const { serveStdio } = await import("./serve.js");
        await serveStdio(ctx, flags);
      }),
    );
}
