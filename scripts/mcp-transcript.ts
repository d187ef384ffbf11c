/**
 * Writes docs/mcp-transcript.md: a short session of an MCP client with the real `alteryx-jobs mcp --allow-writes`
 * (spawned from source over stdio) against the simulator: what failed, why, re-run it and wait.
 *
 *   node --import tsx scripts/mcp-transcript.ts [output.md]
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { FIXED_START, startSimulator } from "alteryx-jobs-simulator";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? `${root}docs/mcp-transcript.md`;
const lines: string[] = [];
const say = (...text: string[]) => lines.push(...text);

/** Long arrays cut to their first items, so the transcript stays readable. */
function trimmed(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    const shown = value.slice(0, 3).map((v) => trimmed(v, depth + 1));
    return value.length > 3 ? [...shown, `… ${value.length - 3} more`] : shown;
  }
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v, depth + 1)]));
  return value;
}

// A fixed start, so that the transcript shows the same jobs on every run.
const sim = await startSimulator({ jobs: 300, seed: 5, timeScale: 100, start: FIXED_START });
const curator = sim.users.find((u) => u.role === "Curator")!;
const stderr: string[] = [];
const transport = new StdioClientTransport({
  command: process.execPath,
  args: ["--import", "tsx", "cli/src/main.ts", "mcp", "--allow-writes"],
  cwd: root,
  env: {
    PATH: process.env.PATH ?? "",
    TSX_TSCONFIG_PATH: `${root}tsconfig.json`,
    ALTERYX_BASE_URL: sim.url,
    ALTERYX_CLIENT_ID: curator.clientId,
    ALTERYX_CLIENT_SECRET: curator.clientSecret,
  },
  stderr: "pipe",
});
transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
const client = new Client({ name: "transcript", version: "1.0.0" });

try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  say(
    "# A session with `alteryx-jobs mcp`",
    "",
    "Made by `node --import tsx scripts/mcp-transcript.ts`: the SDK's `Client` over stdio with the real",
    "`alteryx-jobs mcp --allow-writes` (from source), against the simulator (`startSimulator({ jobs: 300, seed: 5,",
    "timeScale: 100, start: FIXED_START })`: its clock starts on 1 January 2026). Each step shows the call and the",
    "tool's text content",
    "(a summary line, then the JSON of `structuredContent`, pretty-printed here with long lists cut to three items).",
    "",
    "## tools/list",
    "",
    "| tool | title | readOnly | destructive | idempotent | openWorld |",
    "|---|---|---|---|---|---|",
    ...tools.map(
      (t) =>
        `| \`${t.name}\` | ${t.title} | ${t.annotations?.readOnlyHint} | ${t.annotations?.destructiveHint} | ` +
        `${t.annotations?.idempotentHint} | ${t.annotations?.openWorldHint} |`,
    ),
    "",
  );

  let step = 0;
  const call = async (why: string, name: string, args: Record<string, unknown>) => {
    const progress: string[] = [];
    const result = (await client.callTool({ name, arguments: args }, undefined, {
      onprogress: (p) => progress.push(`${p.progress}: ${p.message ?? ""}`),
      resetTimeoutOnProgress: true,
    })) as CallToolResult;
    const text = result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
    const summary = text.split("\n\n")[0];
    say(`## ${++step}. ${why}`, "", "```json", JSON.stringify({ name, arguments: args }, null, 2), "```", "");
    if (progress.length) say("Progress notifications:", "", ...progress.map((p) => `- ${p}`), "");
    say(result.isError ? "Tool error:" : "Result:", "", "```text", summary ?? "", "```", "");
    if (result.structuredContent) say("```json", JSON.stringify(trimmed(result.structuredContent), null, 2), "```", "");
    if (result.isError) throw new Error(`${name} failed: ${text}`);
    // biome-ignore lint/suspicious/noExplicitAny: the script reads a few fields of the answer
    return result.structuredContent as any;
  };

  const summary = await call("What failed lately? (the failed runs of the window)", "queue_summary", {
    since: "2025-12-01",
    until: "2026-01-01",
  });
  const failed = summary.failedRuns[0];
  const job = await call("Why did the newest one fail? (errors first)", "get_job", { jobId: failed.jobId });
  const rerun = await call("Re-run its workflow", "run_workflow", { workflowId: job.job.appId });
  await call("Wait for the new run", "wait_for_job", { jobId: rerun.job.id, timeoutSeconds: 120 });
  say("## The server's stderr", "", "```text", stderr.join("").trim(), "```", "");
} finally {
  await client.close();
  await sim.close();
}
writeFileSync(out, `${lines.join("\n").trimEnd()}\n`);
process.stderr.write(`wrote ${out}\n`);
