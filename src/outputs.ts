/** Job outputs: which format to ask for, and what a file answer says about itself. */
import type { Job } from "./types.js";

/** One output file of a job, arriving: resolved as soon as the headers are in, the bytes still to come. */
export interface JobOutputFile {
  /** From Content-Disposition, else the job's `fileName` for the output, else the output id. Not safe as a path. */
  fileName: string;
  /** As the server sent it; `application/octet-stream` when it sent none. */
  contentType: string;
  /** The format asked for. */
  format: string;
  /** The size in bytes when the server said it (Content-Length without Content-Encoding). */
  size?: number;
  /** The bytes as they arrive. Read it to the end or cancel it: an unread body holds the connection. */
  body: ReadableStream<Uint8Array>;
}

export interface JobOutputOptions {
  /** One of the output's `availableFormats`. Default: the first of them (the job is read to learn them). */
  format?: string;
  signal?: AbortSignal;
}

/** The output's first available format and its listed name, or why there is none. */
export function chooseFormat(
  job: Pick<Job, "outputs">,
  outputId: string,
): { format: string; fileName?: string | undefined } | { problem: string } {
  const output = job.outputs?.find((o) => o.id === outputId);
  if (!output) {
    const known = job.outputs?.map((o) => o.id).join(", ") || "none";
    return { problem: `the job has no output "${outputId}" (its outputs: ${known})` };
  }
  const format = output.availableFormats?.[0];
  if (!format) return { problem: `output "${outputId}" lists no availableFormats; pass { format } to ask anyway` };
  return { format, fileName: output.fileName };
}

/** What the headers of a file answer say: its name, type and size. */
export function describeFile(response: Response, fallbackName: string) {
  const headers = response.headers;
  const length = headers.has("content-encoding") ? Number.NaN : Number(headers.get("content-length") ?? Number.NaN);
  return {
    fileName: fileNameOf(headers.get("content-disposition")) ?? fallbackName,
    contentType: headers.get("content-type") ?? "application/octet-stream",
    ...(Number.isSafeInteger(length) && length >= 0 ? { size: length } : {}),
  };
}

/** The file name of a Content-Disposition header (RFC 6266): `filename*` (RFC 8187) first, then `filename`. */
export function fileNameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^']*)'[^']*'([^;]*)/i.exec(header);
  if (extended) {
    try {
      const bytes = extended[2]!.trim().replace(/^"|"$/g, "");
      const name = /^utf-8$/i.test(extended[1]!) ? decodeURIComponent(bytes) : decodeLatin1(bytes);
      if (name) return name;
    } catch {
      // A malformed percent-escape: fall back to the plain parameter.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name || undefined;
}

/** Percent-escapes as ISO-8859-1 bytes, the other charset RFC 8187 names. */
function decodeLatin1(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
