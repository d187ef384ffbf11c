/**
 * get_job_outputs: a job's output files. A small text file comes back inline; a larger or binary one is saved
 * into the folder the server was started with (--output-dir), and its path comes back.
 */
import { join } from "node:path";
import { safeFileName, saveJobOutputs } from "alteryx-jobs-api/node";
import type { Job, JobOutput, JobOutputFile, JobsClient } from "alteryx-jobs-api";
import { ToolRefusal } from "../errors.js";
import { array, object, parameterSchema, toolSchema } from "../schemas.js";
import { defineTool, READ_ONLY, type ToolContext } from "../tool.js";

const DEFAULT_INLINE = 65_536;
const MAX_INLINE = 1_048_576;
const TEXT_TYPE = /^text\/|[/+](json|xml|csv)\b/i;
const TEXT_NAME = /\.(csv|tsv|txt|json|xml|log|md|html?)$/i;

interface Delivered {
  outputId: string;
  fileName: string;
  format: string;
  availableFormats: string[];
  contentType: string;
  bytes: number | null;
  delivery: "inline" | "saved" | "not-saved";
  text?: string;
  path?: string;
  note?: string;
}

/** The body, if it ends within `limit` bytes; else undefined, the rest of it cancelled. */
async function readUpTo(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** UTF-8 text without NUL bytes, or undefined for anything else. */
function asText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\u0000") ? undefined : text;
  } catch {
    return undefined;
  }
}

const looksLikeText = (file: JobOutputFile) => TEXT_TYPE.test(file.contentType) || TEXT_NAME.test(file.fileName);

/** The asked format as the output spells it, else the output's first. */
const formatFor = (output: JobOutput, asked: string | undefined) =>
  output.availableFormats?.find((f) => f.toLowerCase() === asked?.toLowerCase()) ?? output.availableFormats?.[0];

async function deliver(
  job: Job,
  output: JobOutput,
  options: { format: string | undefined; inlineLimit: number },
  { client, outputDir, signal }: ToolContext,
): Promise<Delivered> {
  const format = formatFor(output, options.format);
  const file = await client.getJobOutput(job.id, output.id, { ...(format ? { format } : {}), signal });
  const described = {
    outputId: output.id,
    fileName: file.fileName,
    format: file.format,
    availableFormats: output.availableFormats ?? [],
    contentType: file.contentType,
  };
  const small = file.size === undefined || file.size <= options.inlineLimit;
  if (looksLikeText(file) && small && options.inlineLimit > 0) {
    const bytes = await readUpTo(file.body, options.inlineLimit);
    const text = bytes && asText(bytes);
    if (text !== undefined) return { ...described, bytes: bytes!.length, delivery: "inline", text };
  } else await file.body.cancel();

  const why = looksLikeText(file) ? `larger than ${options.inlineLimit} bytes` : "not text";
  if (!outputDir) {
    return {
      ...described,
      bytes: file.size ?? null,
      delivery: "not-saved",
      note:
        `${why}, and this server was started without --output-dir, so it was not downloaded; ` +
        "restart it with --output-dir FOLDER, or download it with: alteryx-jobs output " +
        `${job.id} ${output.id} --out FOLDER`,
    };
  }
  // Saved with the library's safe naming: a server-sent name never leaves the folder. One folder per job.
  const oneOutput: Pick<JobsClient, "getJob" | "getJobOutput"> = {
    getJob: async () => ({ ...job, outputs: [output] }),
    getJobOutput: (...args) => client.getJobOutput(...args),
  };
  const folder = join(outputDir, safeFileName(job.id, "job"));
  const [saved] = await saveJobOutputs(oneOutput, job.id, folder, { ...(format ? { format } : {}), signal });
  return { ...described, bytes: saved!.bytes, delivery: "saved", path: saved!.path, note: `${why}: saved` };
}

interface OutputsInput {
  jobId: string;
  outputId?: string;
  format?: string;
  inlineLimitBytes?: number;
}

export const getJobOutputs = defineTool<OutputsInput, object>({
  name: "get_job_outputs",
  title: "Get a job's output files",
  description:
    "Gets the files a finished job wrote (GET /v1/jobs/{jobId}/output/{outputId}): all of them, or one. A text " +
    `file up to inlineLimitBytes (default ${DEFAULT_INLINE}) comes back inline as text; a larger or binary one ` +
    "is saved into the folder the server was started with (--output-dir) and its path comes back (without that " +
    "folder it is not downloaded, and the answer says how to get it). Cost: one request to read the job, one " +
    "download per output (up to megabytes each). Returns each output's id, file name, format, type, size and " +
    "its text or path.",
  inputSchema: toolSchema({
    additionalProperties: false,
    required: ["jobId"],
    properties: {
      jobId: { ...parameterSchema("getJobOutput", "jobId"), description: "The job's id." },
      outputId: { ...parameterSchema("getJobOutput", "outputId"), description: "Only this output (default: all)." },
      format: {
        ...parameterSchema("getJobOutput", "format"),
        description: "The format to ask for where an output offers it, e.g. Csv (default: each output's first).",
      },
      inlineLimitBytes: {
        type: "integer",
        minimum: 0,
        maximum: MAX_INLINE,
        default: DEFAULT_INLINE,
        description: "The largest text file returned inline; 0 saves every file.",
      },
    },
  }),
  outputSchema: toolSchema(
    object({
      jobId: { type: "string" },
      outputs: array(
        object(
          {
            outputId: { type: "string" },
            fileName: { type: "string", description: "As the server names it; not a safe path." },
            format: { type: "string" },
            availableFormats: array({ type: "string" }),
            contentType: { type: "string" },
            bytes: { type: ["integer", "null"], description: "The size, when known." },
            delivery: { type: "string", enum: ["inline", "saved", "not-saved"] },
            text: { type: "string", description: "The file's text (delivery inline)." },
            path: { type: "string", description: "Where it was saved (delivery saved)." },
            note: { type: "string", description: "Why it was saved or not downloaded." },
          },
          ["text", "path", "note"],
        ),
      ),
    }),
  ),
  hints: READ_ONLY,
  writes: false,
  async run({ jobId, outputId, format, inlineLimitBytes = DEFAULT_INLINE }, ctx) {
    const job = await ctx.client.getJob(jobId, { includeMessages: false, signal: ctx.signal });
    const all = job.outputs ?? [];
    const chosen = outputId === undefined ? all : all.filter((o) => o.id === outputId);
    if (outputId !== undefined && chosen.length === 0)
      throw new ToolRefusal(
        `job ${jobId} has no output ${outputId} (its outputs: ${all.map((o) => o.id).join(", ") || "none"})`,
      );
    const outputs: Delivered[] = [];
    for (const output of chosen)
      outputs.push(await deliver(job, output, { format, inlineLimit: inlineLimitBytes }, ctx));
    const line = (o: Delivered) => `${o.fileName}: ${o.delivery}${o.path ? ` to ${o.path}` : ""}`;
    return {
      structured: { jobId, outputs },
      summary: outputs.length ? outputs.map(line).join("\n") : `Job ${jobId} has no outputs.`,
    };
  },
});
