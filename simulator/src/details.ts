/**
 * A job's messages and outputs, generated on demand from the job's own seed instead of being stored.
 * The same job always gets the same details; how many of them show depends on how far it has got.
 */
import type { components } from "alteryx-jobs-api/schema";
import { jobSeed } from "./seed-data.js";
import { DISPOSITION, STATUS, type SimWorkflow } from "./vocabulary.js";
import { jobOutputFiles, listedOutput } from "./outputs.js";
import { intBetween, mulberry32, pick } from "./prng.js";
import type { JobTable } from "./job-table.js";

type JobMessage = components["schemas"]["JobMessage"];
type JobOutput = components["schemas"]["JobOutput"];

export interface JobDetails {
  messages: JobMessage[];
  outputs: JobOutput[];
}

const MIDDLE_TOOLS = ["Select", "Filter", "Formula", "Join", "Summarize", "Sort", "Unique", "Data Cleansing"] as const;
const SOURCE_PREFIXES = ["", "raw_", "src_"] as const;
const SOURCE_EXTENSIONS = [".csv", ".xlsx", ".yxdb"] as const;

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function toolMessage(tool: string, toolId: number, records: number, rng: () => number): string {
  switch (tool) {
    case "Filter": {
      const kept = Math.floor(records * rng());
      return `Filter (${toolId}): ${thousands(kept)} records were True and ${thousands(records - kept)} were False`;
    }
    case "Join":
      return `Join (${toolId}): ${thousands(Math.floor(records * (0.5 + rng() / 2)))} records were joined`;
    case "Summarize":
      return `Summarize (${toolId}): ${thousands(intBetween(rng, 1, 500))} records were output`;
    case "Unique":
      return `Unique (${toolId}): ${thousands(Math.floor(records * rng() * 0.1))} duplicate records were removed`;
    default:
      return `${tool} (${toolId}): ${thousands(records)} records were processed`;
  }
}

/** The details of job `i` as they stand at simulated time `now`. */
export function jobDetails(
  seed: number,
  jobs: JobTable,
  workflows: readonly SimWorkflow[],
  i: number,
  now: number,
): JobDetails {
  const status = jobs.statusAt(i, now);
  if (status === STATUS.Queued || status === STATUS.Initializing) return { messages: [], outputs: [] };

  const rng = mulberry32(jobSeed(seed, i));
  const workflow = workflows[jobs.workflow[i] ?? 0];
  const stem = workflow?.stem ?? "workflow";
  const source = `${pick(rng, SOURCE_PREFIXES)}${stem}${pick(rng, SOURCE_EXTENSIONS)}`;
  const records = intBetween(rng, 100, 2_000_000);
  const toolCount = intBetween(rng, 3, 9);
  const outputTool = toolCount;

  const messages: JobMessage[] = [
    { status: 1, text: `Input Data (1): ${thousands(records)} records were read from "${source}"`, toolId: 1 },
  ];
  for (let t = 2; t < toolCount; t++) {
    const tool = pick(rng, MIDDLE_TOOLS);
    const text = toolMessage(tool, t, records, rng);
    if (rng() < 0.6) messages.push({ status: 1, text, toolId: t });
  }
  if (status === STATUS.Running) return { messages: messages.slice(0, 2), outputs: [] };

  const start = jobs.startAt(i, now);
  const end = jobs.endAt(i, now);
  const seconds = Math.max(0.1, (end - start) / 1000 + Math.floor(rng() * 10) / 10).toFixed(1);
  if (status === STATUS.Cancelled) {
    return {
      messages: [
        ...messages.slice(0, 1),
        { status: 3, text: "The job was cancelled by a user.", toolId: 0 },
        { status: 4, text: `Cancelled after ${seconds} seconds`, toolId: 0 },
      ],
      outputs: [],
    };
  }

  const disposition = jobs.disposition[i];
  const warnTool = intBetween(rng, 2, Math.max(2, toolCount - 1));
  if (disposition === DISPOSITION.Error) {
    // A live job only ends in Error when its questions asked it to.
    const error = jobs.isLive(i)
      ? {
          status: 3,
          text: `Error (${warnTool}): The run was asked to fail (question "fail" was "true")`,
          toolId: warnTool,
        }
      : { status: 3, text: `Input Data (1): Error opening "${source}": file not found`, toolId: 1 };
    return {
      messages: [
        ...messages.slice(0, 1),
        error,
        { status: 4, text: `Finished in ${seconds} seconds with 1 error`, toolId: 0 },
      ],
      outputs: [],
    };
  }

  let suffix = "";
  if (disposition === DISPOSITION.Warning) {
    messages.push({
      status: 2,
      text: `Formula (${warnTool}): Conversion error: "N/A" is not a valid number`,
      toolId: warnTool,
    });
    suffix = " with 1 warning";
  }
  const outputs = jobOutputFiles(seed, jobs, workflows, i, now);
  for (const file of outputs) {
    const text = `Output Data (${outputTool}): ${thousands(file.records)} records were written to "${file.fileName}"`;
    messages.push({ status: 5, text, toolId: outputTool });
  }
  messages.push({ status: 4, text: `Finished in ${seconds} seconds${suffix}`, toolId: 0 });
  return { messages, outputs: outputs.map(listedOutput) };
}
