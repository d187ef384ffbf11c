import { createWriteStream } from "node:fs";
import { Writable } from "node:stream";
import { createJobsClient } from "alteryx-jobs-api";
import { saveJobOutputs } from "alteryx-jobs-api/node";

const ayx = createJobsClient({
  baseUrl: "http://localhost/webapi",
  auth: { clientId: process.env.AYX_KEY!, clientSecret: process.env.AYX_SECRET! },
});

// A job's outputs are listed on the job; each offers its own formats.
const jobId = "68e4a0c1c97fddfcc003b101";
const job = await ayx.getJob(jobId, { includeMessages: false });
const outputId = job.outputs?.[0]?.id ?? "68dd32a1c97fddfcc003adcd";

// One output, streamed: resolves when the headers arrive, body is a web ReadableStream.
const { fileName, contentType, size, body } = await ayx.getJobOutput(jobId, outputId, { format: "Csv" });
console.log(fileName, contentType, size ?? "size unknown");
await body.pipeTo(Writable.toWeb(createWriteStream("result.csv"))); // under a name you choose

// Or every output of the job, written under safe names inside ./results.
const written = await saveJobOutputs(ayx, jobId, "./results", { format: "Csv" });
console.log(written);
