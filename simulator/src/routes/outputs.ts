/** A job's files: GET /v1/jobs/{jobId}/output/{outputId}?format=F (the server's v1 API). */
import type { SimContext } from "../context.js";
import { HttpError, file, type Route } from "../http.js";
import { findVisibleJob } from "../job-queries.js";
import { jobOutputFiles, outputDownload } from "../outputs.js";
import { authenticate, badRequest } from "./common.js";

const OUTPUT_NOT_FOUND = "Output not found.";
const OCTET_STREAM = "application/octet-stream";

/** Characters that may stand unescaped in an RFC 8187 ext-value (attr-char). */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

/**
 * `Content-Disposition: attachment` with the file name (RFC 6266): a quoted ASCII `filename`, and
 * where the name has anything else, `filename*` with its UTF-8 bytes percent-encoded (RFC 8187).
 * The name is sent as the job has it, path characters included: keeping it safe is the client's job.
 */
export function contentDisposition(fileName: string): string {
  const printable = /^[\x20-\x7e]*$/.test(fileName);
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "\\$&");
  if (printable) return `attachment; filename="${fallback}"`;
  let encoded = "";
  for (const byte of Buffer.from(fileName, "utf8")) {
    const char = String.fromCharCode(byte);
    encoded += byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function outputRoutes(ctx: SimContext): Route[] {
  return [
    {
      pattern: "/v1/jobs/{jobId}/output/{outputId}",
      methods: {
        GET: (req) => {
          const user = authenticate(ctx, req);
          const formats = req.query.getAll("format").filter((f) => f !== "");
          if (formats.length !== 1) {
            const problem = formats.length === 0 ? "The format is required." : "Give the format once.";
            throw badRequest({ format: [problem] });
          }
          const format = formats[0] ?? "";
          const i = findVisibleJob(ctx, req.params.jobId ?? "", user);
          if (i < 0) throw new HttpError(404, { message: OUTPUT_NOT_FOUND });
          const { seed, jobs, workflows } = ctx.data;
          const wanted = (req.params.outputId ?? "").toLowerCase();
          const output = jobOutputFiles(seed, jobs, workflows, i, ctx.clock.now()).find((o) => o.id === wanted);
          if (!output) throw new HttpError(404, { message: OUTPUT_NOT_FOUND });
          const download = outputDownload(output, format);
          if (!download) {
            const offered = `This output is available as ${output.availableFormats.join(", ")}.`;
            throw badRequest({ format: [offered] }, "The requested format is not available for this output.");
          }
          return file(200, download.chunks(), {
            "content-type": ctx.quirks.outputTypes === "registered" ? download.contentType : OCTET_STREAM,
            "content-length": String(download.size),
            "content-disposition": contentDisposition(download.fileName),
          });
        },
      },
    },
  ];
}
