import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createJobsClient } from "alteryx-jobs-api";
import { saveJobOutputs } from "alteryx-jobs-api/node";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

// A job's outputs are listed on the job; each offers its own formats.
const jobId = "68dd3292c97fddfcc003adcb";
const job = await ayx.getJob(jobId, { includeMessages: false });
const outputId = job.outputs?.[0]?.id ?? "68dd32a1c97fddfcc003adcd";

// One output, streamed: resolves when the headers arrive, body is a web ReadableStream.
const { fileName, contentType, size, body } = await ayx.getJobOutput(jobId, outputId, { format: "Csv" });
console.log(fileName, contentType, size ?? "size unknown");
// Node streams keep memory flat (Writable.toWeb buffers the whole file on Node 20 and 22); pick the name yourself.
await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), createWriteStream("result.csv"));

// Or every output of the job, written under safe names inside ./results.
const written = await saveJobOutputs(ayx, jobId, "./results", { format: "Csv" });
console.log(written);
