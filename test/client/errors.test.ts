import { describe, expect, it } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";
import { everythingShown } from "../support/shown.js";

const SECRET = "client-secret-9f8e7d";
const TOKEN = "access-token-1a2b3c4d";

describe("errors", () => {
  it("an HTML error page yields a readable http error, not a JSON parse crash", async () => {
    const html =
      "<html><head><title>500 - Internal server error.</title></head>" +
      "<body><h2>There is a problem with the resource.</h2></body></html>";
    const { fetch } = fakeFetch(
      () =>
        new Response(html, {
          status: 500,
          statusText: "Internal Server Error",
          headers: { "content-type": "text/html" },
        }),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 0 });
    const error = await ayx.getJob("j1").catch((e) => e);
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({
      kind: "http",
      status: 500,
      serverMessage: "500 - Internal server error.",
      body: html,
    });
    expect(error.message).toBe(
      "getJob (GET /v3/jobs/j1) failed with 500 Internal Server Error: 500 - Internal server error.",
    );
  });

  it("a 200 with a body that is not JSON is an invalid-response error", async () => {
    const { fetch } = fakeFetch(
      () => new Response('{"data": [', { status: 200, headers: { "content-type": "application/json" } }),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const error = await ayx.listJobs().catch((e) => e);
    expect(error).toMatchObject({ kind: "invalid-response", status: 200, operationId: "listJobs" });
    expect(error.message).toMatch(/^listJobs \(GET \/v3\/jobs\) failed: the body is not valid JSON/);
  });

  it("a 200 with a non-JSON content type is an invalid-response error", async () => {
    const { fetch } = fakeFetch(
      () => new Response("<Job><Id>j1</Id></Job>", { status: 200, headers: { "content-type": "application/xml" } }),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.getJob("j1")).rejects.toMatchObject({
      kind: "invalid-response",
      message: expect.stringContaining("expected a JSON body but got application/xml"),
    });
  });

  it("accepts text/json, which the server also sends", async () => {
    const { fetch } = fakeFetch(
      () => new Response(JSON.stringify(job("j1")), { status: 200, headers: { "content-type": "text/json" } }),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.getJob("j1")).resolves.toMatchObject({ id: "j1" });
  });

  it("a 200 whose shape the client cannot use is an invalid-response error", async () => {
    const { fetch } = fakeFetch(() => json({ data: null, pagination: {} }));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.listJobs()).rejects.toMatchObject({
      kind: "invalid-response",
      message: expect.stringContaining("expected { data: [{ jobId, ... }], pagination: {...} }"),
    });
  });

  it("a refused connection is a network error with the cause", async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      });
    });
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 0 });
    const error = await ayx.getJob("j1").catch((e) => e);
    expect(error).toMatchObject({ kind: "network", operationId: "getJob" });
    expect(error.message).toBe(
      "getJob (GET /v3/jobs/j1) failed: could not reach the server at https://alteryx.example.com (ECONNREFUSED)",
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("a refused cancel says why: not cancellable", async () => {
    const { fetch } = fakeFetch(() => json({ message: "This job is not in 'Queued' or 'Running' state." }, 400));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.cancelJob("j1")).rejects.toMatchObject({
      kind: "http",
      status: 400,
      reason: "not-cancellable",
      message: "cancelJob (DELETE /v3/jobs/j1) failed with 400: This job is not in 'Queued' or 'Running' state.",
    });
  });

  it("a refused cancel says why: no permission", async () => {
    const { fetch } = fakeFetch(() => json({ message: "You do not have permission to cancel this job." }, 400));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.cancelJob("j1")).rejects.toMatchObject({
      reason: "not-permitted",
      serverMessage: "You do not have permission to cancel this job.",
    });
  });

  it("never shows the client secret or the token, in any form", async () => {
    const { fetch } = fakeFetch((req) => {
      if (req.url.pathname.endsWith("/oauth2/token"))
        return json({ access_token: TOKEN, token_type: "bearer", expires_in: 3600 });
      // A careless server that echoes what it got, credentials included.
      return json(
        { message: `Bad request: Authorization: ${req.headers.get("authorization")} secret=${SECRET} token ${TOKEN}` },
        400,
      );
    });
    const lines: string[] = [];
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET },
      fetch,
      debug: (l) => lines.push(l),
    });
    const errors = [await ayx.getJob("j1").catch((e) => e), await ayx.enqueueJob("wf1").catch((e) => e)];
    for (const error of errors) {
      expect(error).toBeInstanceOf(JobsApiError);
      const shown = everythingShown(error);
      expect(shown).toContain("[redacted]");
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(TOKEN);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
  });

  it("never shows the secret when the token request itself fails at the network", async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError(`fetch failed for client_secret=${SECRET}`);
    });
    const ayx = createJobsClient({ baseUrl: BASE, auth: { clientId: "key", clientSecret: SECRET }, fetch, retry: 0 });
    const error = await ayx.getJob("j1").catch((e) => e);
    expect(error).toMatchObject({ kind: "network", operationId: "requestToken" });
    expect(everythingShown(error)).not.toContain(SECRET);
  });

  it("serializes to JSON with its fields", async () => {
    const { fetch } = fakeFetch(() => json({ message: "Job not found." }, 404));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const error = await ayx.getJob("nope").catch((e) => e);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "JobsApiError",
      kind: "http",
      message: "getJob (GET /v3/jobs/nope) failed with 404: Job not found.",
      operationId: "getJob",
      method: "GET",
      path: "/v3/jobs/nope",
      status: 404,
      serverMessage: "Job not found.",
      body: { message: "Job not found." },
    });
  });
});

describe("secrets a server echoes", () => {
  it("any Bearer or Basic credentials in an error are redacted, even ones the client never knew", async () => {
    const bearer = "eyJhbGciOiJIUzI1NiJ9.c29tZW9uZQ.c2lnbmVk";
    const basic = btoa("someone:hunter22");
    const echo = `Rejected Authorization: Bearer ${bearer}; also tried Basic ${basic}`;
    const { fetch } = fakeFetch(() => json({ message: echo }, 401));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const error = (await ayx.getJob("j1").catch((e: unknown) => e)) as JobsApiError;
    expect(error.serverMessage).toBe("Rejected Authorization: Bearer [redacted]; also tried Basic [redacted]");
    const everything = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
    expect(everything).not.toContain(bearer);
    expect(everything).not.toContain(basic);
  });
});

describe("results", () => {
  it("getJobMessages is always an array: one object becomes a list of one", async () => {
    const one = { status: 3, text: "Error", toolId: 1 };
    const { fetch } = fakeFetch(() => json(one));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await ayx.getJobMessages("j1")).toEqual([one]);
  });

  it("getJobMessages passes an array through", async () => {
    const many = [
      { status: 1, text: "a", toolId: 1 },
      { status: 4, text: "b", toolId: 0 },
    ];
    const { fetch } = fakeFetch(() => json(many));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await ayx.getJobMessages("j1")).toEqual(many);
  });

  it.each([
    ["Cancelled Successfully.", "cancelled"],
    ["Deleted Successfully.", "deleted"],
  ])("cancelJob reads %s as %s", async (message, outcome) => {
    const { fetch } = fakeFetch(() => json({ message }));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await ayx.cancelJob("j1")).toEqual({ outcome, message });
  });

  it("cancelJob without a body asks for the job: gone means deleted", async () => {
    const { fetch, sent } = fakeFetch((req) =>
      req.method === "DELETE" ? new Response(null, { status: 200 }) : json({ message: "Job not found." }, 404),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await ayx.cancelJob("j1")).toEqual({ outcome: "deleted", message: "" });
    expect(sent.map((r) => r.method)).toEqual(["DELETE", "GET"]);
  });

  it("cancelJob without a body asks for the job: still there means cancelled", async () => {
    const { fetch } = fakeFetch((req) =>
      req.method === "DELETE" ? new Response(null, { status: 200 }) : json(job("j1", "Cancelled")),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await ayx.cancelJob("j1")).toEqual({ outcome: "cancelled", message: "" });
  });

  it.each([
    ["answers 500", () => json({ message: "busy" }, 500)],
    ["cannot be reached", () => Promise.reject(new TypeError("fetch failed"))],
  ])("cancelJob resolves once the DELETE has succeeded, even when the job read after it %s", async (_, read) => {
    const { fetch, sent } = fakeFetch((req) =>
      req.method === "DELETE" ? new Response(null, { status: 200 }) : read(),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch, retry: 0 });
    expect(await ayx.cancelJob("j1")).toEqual({ outcome: "accepted", message: "" });
    expect(sent.map((r) => r.method)).toEqual(["DELETE", "GET"]);
  });

  it("enqueueJob posts the body as JSON and returns the new job", async () => {
    const { fetch, sent } = fakeFetch(() => json(job("new", "Queued")));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const body = { priority: "High" as const, questions: [{ name: "Region", value: "EU" }] };
    await expect(ayx.enqueueJob("wf1", body)).resolves.toMatchObject({ id: "new", status: "Queued" });
    expect(sent[0]!.url.pathname).toBe("/webapi/v3/workflows/wf1/jobs");
    expect(sent[0]!.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(sent[0]!.body!)).toEqual(body);
  });

  it("listWorkflowJobs returns the bare array", async () => {
    const { fetch, sent } = fakeFetch(() =>
      json([{ id: "a", createDate: null, status: "Completed", priority: "Default", workerTag: "", runWithE2: true }]),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await ayx.listWorkflowJobs("wf1", { status: "Error", resultCode: "Error", limit: 5 })).toHaveLength(1);
    expect(sent[0]!.url.search).toBe("?status=Error&resultCode=Error&limit=5");
  });
});
