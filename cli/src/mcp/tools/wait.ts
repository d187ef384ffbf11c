/** wait_for_job: follows a job to its end, bounded, with progress notifications; says how it ended. */
import { isFinished, type Job } from "alteryx-jobs-api";
import { array, nullable, object, parameterSchema, ref, toolSchema } from "../schemas.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { errorsOf, warningsOf } from "./jobs.js";

const MAX_SECONDS = 3600;
class OutOfTime extends Error {}

export const waitForJob = defineTool<{ jobId: string; timeoutSeconds?: number }, object>({
  name: "wait_for_job",
  title: "Wait for a job to finish",
  description:
    "Waits until a job has finished (Completed or Cancelled, or failed), polling GET /v3/jobs/{jobId} every 1 s " +
    "at first, then less often (at most every 10 s), and sends a progress notification with the status after " +
    `each poll. Bounded: it returns after timeoutSeconds (default 300, at most ${MAX_SECONDS}) even if the job ` +
    "goes on, with finished=false and timedOut=true (call it again to keep waiting). Many clients give up on a " +
    "call after 60 s unless progress notifications reset their timer: if yours does, wait in shorter steps. " +
    "Returns finished, timedOut, status, disposition (Success, Warning, Error, Cancelled), the errors and " +
    "warnings, and the finished job.",
  inputSchema: toolSchema({
    additionalProperties: false,
    required: ["jobId"],
    properties: {
      jobId: { ...parameterSchema("getJob", "jobId"), description: "The job's id." },
      timeoutSeconds: {
        type: "integer",
        minimum: 1,
        maximum: MAX_SECONDS,
        default: 300,
        description: "Stop waiting after this many seconds.",
      },
    },
  }),
  outputSchema: toolSchema(
    object({
      jobId: { type: "string" },
      finished: { type: "boolean", description: "Whether the job has ended." },
      timedOut: { type: "boolean", description: "Whether the wait ran out of time first (the job goes on)." },
      status: { type: ["string", "null"], description: "The last status seen." },
      disposition: { type: ["string", "null"], description: "How it ended, once it has." },
      polls: { type: "integer" },
      elapsedMs: { type: "integer" },
      errors: array(ref("JobMessage")),
      warnings: array(ref("JobMessage")),
      job: nullable(ref("Job")),
    }),
  ),
  hints: READ_ONLY,
  writes: false,
  async run({ jobId, timeoutSeconds = 300 }, { client, signal, progress }) {
    const started = Date.now();
    let polls = 0;
    let last: Job | undefined;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new OutOfTime()), timeoutSeconds * 1000);
    let done: Job | undefined;
    try {
      done = await client.waitForJob(jobId, {
        // The deadline is ours (a result, not an error); the client's own stays out of the way.
        timeoutMs: (timeoutSeconds + 60) * 1000,
        signal: AbortSignal.any([signal, deadline.signal]),
        onPoll: (job) => {
          last = job;
          void progress(++polls, `${jobId}: ${job.status}${isFinished(job) ? ` ${job.disposition ?? ""}` : ""}`.trim());
        },
      });
    } catch (error) {
      if (!deadline.signal.aborted || signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
    }
    const seen = done ?? last;
    const finished = done !== undefined && isFinished(done);
    const elapsedMs = Date.now() - started;
    return {
      structured: {
        jobId,
        finished,
        timedOut: !finished,
        status: seen?.status ?? null,
        disposition: seen?.disposition ?? null,
        polls,
        elapsedMs,
        errors: errorsOf(done?.messages),
        warnings: warningsOf(done?.messages),
        job: done ?? null,
      },
      summary: finished
        ? `Job ${jobId} finished: ${done!.status}${done!.disposition ? ` (${done!.disposition})` : ""}.`
        : `Job ${jobId} has not finished after ${timeoutSeconds} s (last status: ${seen?.status ?? "unknown"}).`,
    };
  },
});
