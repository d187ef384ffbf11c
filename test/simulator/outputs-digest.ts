/** For the outputs tests: the sha-256 and size of output bytes, from the generator, a response body or a file. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { outputDownload, type OutputFile } from "../../simulator/src/outputs.js";

export interface Digest {
  sha256: string;
  size: number;
}

/** Hashes chunks as they come: a multi-MB body is never held whole. */
async function digestOf(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Digest> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest("hex"), size };
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
}

/** What the simulator's generator makes for an output in a format. */
export function generatedDigest(file: OutputFile, format: string): Promise<Digest> {
  const download = outputDownload(file, format);
  if (!download) throw new Error(`${file.fileName} is not offered as ${format}`);
  return digestOf(download.chunks());
}

/** A web stream's bytes, e.g. a fetch Response's body or the client's `getJobOutput(...).body`. */
export function streamDigest(body: ReadableStream<Uint8Array> | null): Promise<Digest> {
  if (!body) throw new Error("no body");
  return digestOf(chunksOf(body));
}

/** A file's bytes on disk. */
export function fileDigest(path: string): Promise<Digest> {
  return digestOf(createReadStream(path) as AsyncIterable<Buffer>);
}
