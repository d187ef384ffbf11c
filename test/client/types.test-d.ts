import { describe, expectTypeOf, it } from "vitest";
import {
  type components,
  createJobsClient,
  type Job,
  type JobDisposition,
  type JobMessage,
  JobsApiError,
  type JobPriority,
  type JobsPage,
  type JobStatus,
  type JobSummary,
  type OpenString,
  type WorkflowJob,
  type WorkflowJobStatus,
} from "../../src/index.js";

/** The literal members of an open union: what an editor offers to complete. */
type Known<T> = T extends string ? (string extends T ? never : T) : never;

const ayx = createJobsClient({ baseUrl: "http://127.0.0.1:4010", auth: { token: "t" } });

describe("types", () => {
  it("results are typed without casts", async () => {
    expectTypeOf(ayx.listJobs()).resolves.toEqualTypeOf<JobsPage>();
    expectTypeOf(ayx.getJob("j")).resolves.toEqualTypeOf<Job>();
    expectTypeOf(ayx.getJobMessages("j")).resolves.toEqualTypeOf<JobMessage[]>();
    expectTypeOf(ayx.listWorkflowJobs("w")).resolves.toEqualTypeOf<WorkflowJob[]>();
    expectTypeOf(ayx.cancelJob("j")).resolves.toEqualTypeOf<{ outcome: "cancelled" | "deleted"; message: string }>();
    const page = await ayx.listJobs();
    expectTypeOf(page.data[0]!.jobId).toEqualTypeOf<string>();
    expectTypeOf(page.pagination.currentPage).toEqualTypeOf<number>();
    for await (const job of ayx.iterateJobs()) expectTypeOf(job.jobId).toEqualTypeOf<string>();
  });

  it("filters and bodies are checked at compile time", () => {
    ayx.listJobs({
      statuses: ["Queued", "Complete"],
      priorities: ["High", 6],
      completedAfter: new Date(),
      sortField: "CreateDate",
      direction: "desc",
    });
    // @ts-expect-error: an unknown status value
    ayx.listJobs({ statuses: ["Done"] });
    // @ts-expect-error: a misspelt parameter
    ayx.listJobs({ statues: ["Queued"] });
    // @ts-expect-error: a wrong sort field
    ayx.listJobs({ sortField: "Name" });
    // @ts-expect-error: a missing jobId
    ayx.getJob();
    // @ts-expect-error: a wrong priority
    ayx.enqueueJob("w", { priority: "Urgent" });
    // @ts-expect-error: an answer must be a string
    ayx.enqueueJob("w", { questions: [{ name: "Year", value: 2025 }] });
    // @ts-expect-error: workflow job status filter has its own values
    ayx.listWorkflowJobs("w", { status: "Initializing" });
  });

  it("raw is the openapi-fetch client typed by the spec's paths", async () => {
    const { data } = await ayx.raw.GET("/v3/jobs/{jobId}", {
      params: { path: { jobId: "j" }, query: { includeMessages: false } },
    });
    // raw is exactly the spec: open values are plain strings there; the client's own types add the known values.
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["Job"] | undefined>();
    expectTypeOf(data!.status).toEqualTypeOf<string>();
    // @ts-expect-error: the path does not exist
    ayx.raw.GET("/v3/job/{jobId}", { params: { path: { jobId: "j" } } });
  });

  it("response status, disposition and priority list the known values and still accept any string", async () => {
    expectTypeOf<Known<JobStatus>>().toEqualTypeOf<"Queued" | "Initializing" | "Running" | "Completed" | "Cancelled">();
    type WorkflowKnown = "Created" | "Queued" | "Running" | "Completed" | "Cancelled";
    expectTypeOf<Known<WorkflowJobStatus>>().toEqualTypeOf<WorkflowKnown>();
    expectTypeOf<Known<JobDisposition>>().toEqualTypeOf<"Success" | "Warning" | "Error" | "Cancelled">();
    expectTypeOf<Known<JobPriority>>().toEqualTypeOf<"Default" | "Low" | "Medium" | "High" | "Critical">();
    expectTypeOf<Job["priority"]>().toEqualTypeOf<JobPriority | undefined>();
    // Open: a value a newer server sends is still a JobStatus, and every status is still a string.
    expectTypeOf<"Paused">().toMatchTypeOf<JobStatus>();
    expectTypeOf<JobStatus>().toMatchTypeOf<string>();
    expectTypeOf<OpenString<"A">>().toEqualTypeOf<"A" | (string & {})>();

    const job = await ayx.getJob("j");
    expectTypeOf(job.status).toEqualTypeOf<JobStatus>();
    expectTypeOf(job.disposition).toEqualTypeOf<JobDisposition | null | undefined>();
    const page = await ayx.listJobs();
    expectTypeOf(page.data[0]!.status).toEqualTypeOf<JobStatus>();
    expectTypeOf<JobSummary["priority"]>().toEqualTypeOf<JobPriority>();
    const [first] = await ayx.listWorkflowJobs("w");
    expectTypeOf(first!.status).toEqualTypeOf<WorkflowJobStatus>();
    expectTypeOf(first!.priority).toEqualTypeOf<JobPriority | null | undefined>();
  });

  it("tells the filter value Complete from the response value Completed", () => {
    // "Complete" is a filter value only: never among the statuses a response is known to have...
    expectTypeOf<Extract<Known<JobStatus>, "Complete">>().toBeNever();
    expectTypeOf<Extract<Known<JobStatus>, "Completed">>().toEqualTypeOf<"Completed">();
    // ...and "Completed" is a response value only: the filter refuses it.
    // @ts-expect-error: the filter says "Complete"
    ayx.listJobs({ statuses: ["Completed"] });
    // @ts-expect-error: the workflow filter says "Complete" too
    ayx.listWorkflowJobs("w", { status: "Completed" });
    ayx.listJobs({ statuses: ["Complete"] });
  });

  it("JobsApiError.reason is one of the known refusals or undefined", () => {
    expectTypeOf<JobsApiError["reason"]>().toEqualTypeOf<"not-cancellable" | "not-permitted" | undefined>();
    const e = new JobsApiError({ kind: "http", message: "m", reason: "not-permitted" });
    if (e.reason === "not-cancellable") expectTypeOf(e.reason).toEqualTypeOf<"not-cancellable">();
    // @ts-expect-error: not a reason the client gives
    new JobsApiError({ kind: "http", message: "m", reason: "gone" });
  });

  it("sends what no source bounds: the server judges", () => {
    ayx.listJobs({ limit: 5000, offset: 1_000_000 });
    ayx.listWorkflowJobs("w", { sortField: "Anything", limit: 5000 });
    ayx.enqueueJob("w", { workerTag: "x".repeat(300) });
  });
});
