/** saveJobOutputs: every output of a job, written to a folder under safe names. Node only. */
import { mkdir, rename, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { resolve, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { JobsClient } from "../src/client.js";
import { safeFileName, uniqueName } from "./safe-file-name.js";

export interface SaveJobOutputsOptions {
  /** The format to ask for where an output offers it; elsewhere the output's first available format. */
  format?: string;
  signal?: AbortSignal;
  /** Called as bytes arrive, e.g. for a progress bar. `size` is undefined when the server did not say it. */
  onProgress?: (progress: { outputId: string; fileName: string; bytes: number; size: number | undefined }) => void;
}

export interface SavedOutput {
  outputId: string;
  /** The name the server gave, as it gave it. */
  serverFileName: string;
  /** Where it was written: always inside the folder. */
  path: string;
  bytes: number;
  contentType: string;
  format: string;
}

/**
 * Downloads every output of a job into `directory` (created if needed), one after the other, each streamed to
 * disk. A server-sent name can never leave the folder: only its last part is used, cleaned of characters and
 * names that file systems refuse. Each file is written as `<name>.part` and renamed when complete, so a failed
 * download leaves no half file under the real name.
 */
export async function saveJobOutputs(
  client: Pick<JobsClient, "getJob" | "getJobOutput">,
  jobId: string,
  directory: string,
  options: SaveJobOutputsOptions = {},
): Promise<SavedOutput[]> {
  const { signal } = options;
  const folder = resolve(directory);
  const job = await client.getJob(jobId, { includeMessages: false, ...(signal ? { signal } : {}) });
  await mkdir(folder, { recursive: true });
  const taken = new Set<string>();
  const saved: SavedOutput[] = [];
  for (const output of job.outputs ?? []) {
    const format = chosenFormat(options.format, output.availableFormats ?? []);
    const file = await client.getJobOutput(jobId, output.id, {
      ...(format ? { format } : {}),
      ...(signal ? { signal } : {}),
    });
    const name = uniqueName(safeFileName(file.fileName, `output-${safeFileName(output.id, "file")}`), taken);
    const path = resolve(folder, name);
    if (!path.startsWith(folder + sep)) throw new Error(`refusing to write outside ${folder}: ${JSON.stringify(name)}`);
    const bytes = await writeAtomically(file.body, path, (n) =>
      options.onProgress?.({ outputId: output.id, fileName: name, bytes: n, size: file.size }),
    );
    saved.push({
      outputId: output.id,
      serverFileName: file.fileName,
      path,
      bytes,
      contentType: file.contentType,
      format: file.format,
    });
  }
  return saved;
}

async function writeAtomically(body: ReadableStream<Uint8Array>, path: string, progress: (bytes: number) => void) {
  const partial = `${path}.part`;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      progress(bytes);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), count, createWriteStream(partial));
    await rename(partial, path);
    return bytes;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The preferred format as the output spells it (matched without regard to case), else the output's first. */
function chosenFormat(preferred: string | undefined, offered: string[]): string | undefined {
  if (!preferred) return offered[0];
  if (offered.length === 0) return preferred;
  return offered.find((f) => f.toLowerCase() === preferred.toLowerCase()) ?? offered[0];
}
