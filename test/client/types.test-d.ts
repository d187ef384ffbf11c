import { describe, expectTypeOf, it } from "vitest";
import type { Caller } from "../../src/call.js";
import {
  type components,
  createJobsClient,
  type FileAnswer,
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
    type Cancelled = { outcome: "cancelled" | "deleted" | "accepted"; message: string };
    expectTypeOf(ayx.cancelJob("j")).resolves.toEqualTypeOf<Cancelled>();
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

  it("request pairs each operation with its own input and result, from the spec's operations", async () => {
    const data = await ayx.request("getJob", { path: { jobId: "j" }, query: { includeMessages: false } });
    // request is exactly the spec: open values are plain strings there; the client's own types add the known values.
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["Job"]>();
    expectTypeOf(data.status).toEqualTypeOf<string>();
    expectTypeOf(ayx.request("listJobs", {})).resolves.toEqualTypeOf<components["schemas"]["JobsPage"]>();
    const file = await ayx.request("getJobOutput", { path: { jobId: "j", outputId: "o" }, query: { format: "Csv" } });
    expectTypeOf(file).toEqualTypeOf<FileAnswer>();
    // A Date is a calendar day wherever the spec says `format: date`.
    ayx.request("listJobs", { query: { completedAfter: new Date(), statuses: ["Queued"] } });
    // @ts-expect-error: getJob takes no limit (listJobs does)
    ayx.request("getJob", { path: { jobId: "j" }, query: { limit: 5 } });
    // @ts-expect-error: getJob needs its jobId
    ayx.request("getJob", { query: { includeMessages: true } });
    // @ts-expect-error: the operation does not exist
    ayx.request("getJobs", {});
    // @ts-expect-error: getJobOutput needs a format
    ayx.request("getJobOutput", { path: { jobId: "j", outputId: "o" } });
    // @ts-expect-error: listJobs sends no body
    ayx.request("listJobs", { body: { priority: "High" } });
    // @ts-expect-error: a getJob result is not a page of jobs
    const page: JobsPage = await ayx.request("getJob", { path: { jobId: "j" } });
    void page;
  });

  it("the pipeline's call is typed by the operation table: no cast between an operation and its result", async () => {
    const call = null as unknown as Caller["call"];
    expectTypeOf(call("getJob", { path: { jobId: "j" } })).resolves.toEqualTypeOf<components["schemas"]["Job"]>();
    // @ts-expect-error: getJob takes no limit
    call("getJob", { query: { limit: 5 } });
    // @ts-expect-error: a getJob result used as a JobsPage
    const page: JobsPage = await call("getJob", { path: { jobId: "j" } });
    void page;
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
