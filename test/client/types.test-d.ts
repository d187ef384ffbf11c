import { describe, expectTypeOf, it } from "vitest";
import { createJobsClient, type Job, type JobMessage, type JobsPage, type WorkflowJob } from "../../src/index.js";

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
    ayx.listJobs({ statuses: ["Queued", "Complete"], priorities: ["High", 6], completedAfter: new Date(), sortField: "CreateDate", direction: "desc" });
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
    const { data } = await ayx.raw.GET("/v3/jobs/{jobId}", { params: { path: { jobId: "j" }, query: { includeMessages: false } } });
    expectTypeOf(data).toEqualTypeOf<Job | undefined>();
    // @ts-expect-error: the path does not exist
    ayx.raw.GET("/v3/job/{jobId}", { params: { path: { jobId: "j" } } });
  });
});
