import { describe, expect, it } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { BASE, fakeFetch, job, json, pageOf } from "../support/fake-fetch.js";

function client() {
  const fake = fakeFetch((req) => (req.url.pathname.endsWith("/v3/jobs") ? json(pageOf([], req.url)) : json(job("x"))));
  return { ...fake, ayx: createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch: fake.fetch }) };
}

describe("query parameters go out as the spec declares", () => {
  it("arrays comma-separated in one parameter, dates as yyyy-MM-dd, booleans and integers as text", async () => {
    const { ayx, sent } = client();
    await ayx.listJobs({
      statuses: ["Queued", "Running"],
      priorities: ["High", 6],
      users: ["u1", "u 2"],
      allUsers: true,
      workflowNames: ["Sales load.yxmd"],
      completedAfter: new Date("2025-10-01T23:30:00Z"),
      completedBefore: "2025-10-31",
      sortField: "Priority",
      direction: "asc",
      offset: 0,
      limit: 25,
    });
    expect(sent[0]!.url.search).toBe(
      "?statuses=Queued,Running&priorities=High,6&users=u1,u%202&allUsers=true&workflowNames=Sales%20load.yxmd" +
        "&completedAfter=2025-10-01&completedBefore=2025-10-31&sortField=Priority&direction=asc&offset=0&limit=25",
    );
  });

  it("includeMessages=false for getJob", async () => {
    const { ayx, sent } = client();
    await ayx.getJob("j1", { includeMessages: false });
    expect(sent[0]!.url.search).toBe("?includeMessages=false");
  });

  it.each([
    [{ statuses: ["Completed"] }, /statuses.*must be one of Queued, Initializing, Running, Complete, got "Completed"/],
    [{ limit: 2.5 }, /limit.*must be an integer/],
    [{ limit: "50" }, /limit.*must be an integer, got "50"/],
    [{ completedAfter: "2025-13-45" }, /completedAfter.*yyyy-MM-dd/],
    [{ completedAfter: "01/10/2025" }, /completedAfter.*yyyy-MM-dd/],
    [{ completedBefore: new Date("nope") }, /completedBefore/],
    [{ priorities: ["Urgent"] }, /priorities.*Low, Medium, High, Critical, a number/],
    [{ statuses: [] }, /statuses.*at least 1/],
    [{ statuses: "Queued" }, /statuses.*must be an array/],
    [{ allUsers: "yes" }, /allUsers.*true or false/],
    [{ direction: "up" }, /direction.*asc, desc/],
    [{ status: ["Queued"] }, /unknown query parameter "status"/],
    [{ workflowNames: ["Sales, EU.yxmd"] }, /workflowNames.*must match \^\[\^,\]\+\$/],
  ])("refuses %j before sending, naming the parameter", async (query, message) => {
    const { ayx, sent } = client();
    const error = await ayx.listJobs(query as never).catch((e) => e);
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error.kind).toBe("invalid-request");
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/nothing was sent$/);
    expect(sent).toHaveLength(0);
  });

  it("refuses invalid enqueue bodies only through the types; the server answers the rest", async () => {
    const { ayx, sent } = client();
    // @ts-expect-error: not a priority
    await expect(ayx.enqueueJob("wf1", { priority: "Urgent" })).resolves.toMatchObject({ id: "x" });
    expect(sent.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["POST", "/webapi/v3/workflows/wf1/jobs", '{"priority":"Urgent"}'],
    ]);
  });
});

describe("path parameters are exactly one segment", () => {
  it.each([
    ["../x", "/webapi/v3/jobs/..%2Fx"],
    ["a/b?c#d", "/webapi/v3/jobs/a%2Fb%3Fc%23d"],
    ["100%", "/webapi/v3/jobs/100%25"],
    ["ünïcødé 🚀", `/webapi/v3/jobs/${encodeURIComponent("ünïcødé 🚀")}`],
    ["...", "/webapi/v3/jobs/..."],
  ])("jobId %j", async (jobId, path) => {
    const { ayx, sent } = client();
    await ayx.getJob(jobId);
    expect(sent[0]!.url.pathname).toBe(path);
    expect(decodeURIComponent(sent[0]!.url.pathname.split("/").at(-1)!)).toBe(jobId);
  });

  it.each(["", ".", ".."])("refuses jobId %j, which no URL can carry as a segment", async (jobId) => {
    const { ayx, sent } = client();
    await expect(ayx.getJob(jobId)).rejects.toMatchObject({ kind: "invalid-request" });
    await expect(ayx.cancelJob(jobId)).rejects.toMatchObject({ kind: "invalid-request" });
    expect(sent).toHaveLength(0);
  });

  it("encodes the workflowId too", async () => {
    const { ayx, sent } = client();
    await ayx.enqueueJob("w/1?x");
    expect(sent[0]!.url.pathname).toBe("/webapi/v3/workflows/w%2F1%3Fx/jobs");
  });
});

describe("a missing path parameter is refused whatever checkRequests says", () => {
  it.each([true, false])("checkRequests %s: getJob(undefined) and getJob(null) send nothing", async (checkRequests) => {
    const { fetch, sent } = fakeFetch(() => json(job("j1")));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, checkRequests });
    for (const jobId of [undefined, null]) {
      await expect(ayx.getJob(jobId as unknown as string)).rejects.toMatchObject({
        kind: "invalid-request",
        message: expect.stringMatching(/parameter "jobId" (is required|must be a string, got null); nothing was sent/),
      });
    }
    expect(sent).toEqual([]);
  });
});

describe("baseUrl", () => {
  it("keeps the /webapi base path and drops a trailing slash", async () => {
    const fake = fakeFetch(() => json(job("j")));
    const ayx = createJobsClient({ baseUrl: `${BASE}/`, auth: { token: "t" }, fetch: fake.fetch });
    await ayx.getJob("j");
    expect(fake.sent[0]!.url.href).toBe(`${BASE}/v3/jobs/j`);
  });

  it("must be an http(s) URL", () => {
    expect(() => createJobsClient({ baseUrl: "alteryx.example.com/webapi", auth: { token: "t" } })).toThrow(
      /baseUrl must be an http\(s\) URL/,
    );
  });
});
