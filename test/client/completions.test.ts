/**
 * What an editor offers: TypeScript's own language service (the engine behind VS Code's completions) is asked
 * for completions inside string literals compared with a job's status, disposition and priority, and inside the
 * status filter. Responses complete the values the spec lists as known (so the types and the spec cannot drift
 * apart), the filter completes its own values, and `Complete` and `Completed` each appear only where they belong.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bundle = JSON.parse(readFileSync(join(root, "generated/openapi.json"), "utf8"));
const examples = (schema: string): string[] => bundle.components.schemas[schema].examples;

// Each marker `|name|` is where the editor's cursor sits, just inside a string literal's opening quote.
const SOURCE = `
import { createJobsClient } from "../../src/index.js";
const ayx = createJobsClient({ baseUrl: "http://127.0.0.1", auth: { token: "t" } });
const job = await ayx.getJob("j");
const summary = (await ayx.listJobs()).data[0]!;
const [workflowJob] = await ayx.listWorkflowJobs("w");
export const a = job.status === "|jobStatus|";
export const b = summary.status === "|summaryStatus|";
export const c = job.disposition === "|disposition|";
export const d = job.priority === "|priority|";
export const e = workflowJob!.status === "|workflowJobStatus|";
await ayx.listJobs({ statuses: ["|statusFilter|Queued"] });
await ayx.listWorkflowJobs("w", { status: "|workflowStatusFilter|Queued" });
`;

const file = join(root, "test/client/__completions__.ts");
const markers = new Map<string, number>();
const text = SOURCE.replace(/\|(\w+)\|/g, (_, name: string, offset: number) => {
  // Offsets shift as earlier markers are removed: count the characters removed so far.
  const removed = [...markers.keys()].reduce((n, k) => n + k.length + 2, 0);
  markers.set(name, offset - removed);
  return "";
});

let service: ts.LanguageService;

beforeAll(() => {
  const configHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, configHost);
  if (!config) throw new Error("tsconfig.json could not be read");
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const content = name === file ? text : ts.sys.readFile(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (o) => join(dirname(ts.getDefaultLibFilePath(o)), ts.getDefaultLibFileName(o)),
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? text : ts.sys.readFile(name)),
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  service = ts.createLanguageService(host, ts.createDocumentRegistry());
  // The file must type-check, or the completions below would say nothing about the real types.
  const problems = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
  expect(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
}, 120_000);

function completions(marker: string): string[] {
  const position = markers.get(marker);
  if (position === undefined) throw new Error(`no marker ${marker}`);
  const info = service.getCompletionsAtPosition(file, position, { triggerCharacter: '"' });
  return (info?.entries ?? []).map((e) => e.name).sort();
}
const sorted = (values: string[]) => [...values].sort();

describe("editor completions", () => {
  it("a job's status completes the known response values, with Completed and without Complete", () => {
    const offered = completions("jobStatus");
    expect(offered).toEqual(sorted(examples("JobStatus")));
    expect(offered).toContain("Completed");
    expect(offered).not.toContain("Complete");
    expect(completions("summaryStatus")).toEqual(offered);
  });

  it("a workflow job's status completes its own values, from the server's Swagger", () => {
    expect(completions("workflowJobStatus")).toEqual(sorted(examples("WorkflowJobStatus")));
  });

  it("priority completes the names the spec lists", () => {
    expect(completions("priority")).toEqual(sorted(examples("JobPriority")));
  });

  it("disposition completes the known outcomes, all of them among the spec's examples", () => {
    const offered = completions("disposition");
    expect(offered).toEqual(["Cancelled", "Error", "Success", "Warning"]);
    for (const value of offered) expect(examples("JobDisposition")).toContain(value);
  });

  it("the status filters complete the filter values, with Complete and without Completed", () => {
    const statuses = bundle.components.parameters.Statuses.schema.items.enum as string[];
    expect(completions("statusFilter")).toEqual(sorted(statuses));
    expect(completions("statusFilter")).not.toContain("Completed");
    const workflowStatuses = bundle.components.parameters.WorkflowJobStatus.schema.enum as string[];
    expect(completions("workflowStatusFilter")).toEqual(sorted(workflowStatuses));
  });
});
