import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/src/index.js";
import {
  allJobs,
  artisan,
  call,
  curator,
  eventually,
  get,
  start,
  type ErrorBody,
  type Job,
  type JobMessage,
  type WorkflowJob,
} from "./helpers.js";

const JSON_HEADERS = { "content-type": "application/json" } as const;

describe("simulator: queuing jobs (time scale 1000)", () => {
  let sim: RunningSimulator;
  let workflowId: string;
  beforeAll(async () => {
    sim = await start({ jobs: 200, seed: 5, timeScale: 1000 });
    workflowId = sim.workflows[2]?.id ?? "";
  });
  afterAll(() => sim.close());

  const enqueue = (body: unknown, token = curator(sim).token, id = workflowId) =>
    call<Job>(sim, `/v3/workflows/${id}/jobs`, {
      method: "POST",
      token,
      headers: JSON_HEADERS,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const waitFinished = (id: string, token = curator(sim).token) =>
    eventually(async () => {
      const res = await get<Job>(sim, `/v3/jobs/${id}?includeMessages=false`, token);
      return res.body.status === "Completed" || res.body.status === "Cancelled" ? res.body : undefined;
    });

  it("queues a job with the defaults and runs it to Completed/Success", async () => {
    const res = await call<Job>(sim, `/v3/workflows/${workflowId}/jobs`, { method: "POST", token: curator(sim).token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const job = res.body;
    expect(job).toMatchObject({
      appId: workflowId,
      status: "Queued",
      disposition: "None",
      outputs: [],
      messages: [],
      priority: "Default",
      workerTag: "",
    });
    expect(job.id).toMatch(/^[0-9a-f]{24}$/);
    expect(typeof job.runWithE2).toBe("boolean");
    expect(Date.parse(job.createDateTime ?? "")).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1));

    const done = await waitFinished(job.id);
    expect(done.status).toBe("Completed");
    expect(done.disposition).toBe("Success");
    expect(done.outputs?.length).toBeGreaterThan(0);
    const messages = await get<JobMessage[]>(sim, `/v3/jobs/${job.id}/messages`, curator(sim).token);
    expect(messages.body.length).toBeGreaterThan(1);
    expect(messages.body.at(-1)?.text).toMatch(/^Finished in/);

    const listed = (await allJobs(sim)).find((j) => j.jobId === job.id);
    expect(listed).toMatchObject({
      status: "Completed",
      workflowId,
      submittedBy: curator(sim).name,
      priority: "Default",
      executionTime: "00:00:06",
    });
    // 2 s queued, then 1 s initializing and 5 s running (simulated).
    expect(Date.parse(listed?.startTime ?? "") - Date.parse(listed?.queueTime ?? "")).toBe(2000);
  });

  it("accepts an empty JSON object and application/json with an empty body", async () => {
    expect((await enqueue({})).status).toBe(200);
    const empty = await call<Job>(sim, `/v3/workflows/${workflowId}/jobs`, {
      method: "POST",
      token: curator(sim).token,
      headers: JSON_HEADERS,
      body: "",
    });
    expect(empty.status).toBe(200);
    expect(empty.body.status).toBe("Queued");
  });

  it("keeps priority, worker tag and questions, and moves through the states", async () => {
    const res = await enqueue({
      priority: "High",
      workerTag: "gpu",
      credentialId: "abc",
      questions: [{ name: "Region", value: "EU" }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: "High", workerTag: "gpu", status: "Queued" });
    const seen = new Set<string>(["Queued"]);
    await eventually(
      async () => {
        const job = await get<Job>(sim, `/v3/jobs/${res.body.id}?includeMessages=false`, curator(sim).token);
        seen.add(job.body.status);
        return job.body.status === "Completed" ? true : undefined;
      },
      5_000,
      1,
    );
    expect(seen.has("Completed")).toBe(true);
    const summary = (await allJobs(sim, "priorities=High")).find((j) => j.jobId === res.body.id);
    expect(summary?.priority).toBe("High");
  });

  it("ends with disposition Error when the question 'fail' is 'true', Warning for 'warn'", async () => {
    const failed = await enqueue({ questions: [{ name: "fail", value: "true" }] });
    const done = await waitFinished(failed.body.id);
    expect(done).toMatchObject({ status: "Completed", disposition: "Error", outputs: [] });
    const messages = (await get<JobMessage[]>(sim, `/v3/jobs/${failed.body.id}/messages`, curator(sim).token)).body;
    expect(messages.some((m) => m.status === 3)).toBe(true);

    const warned = await enqueue({
      questions: [
        { name: "warn", value: "true" },
        { name: "fail", value: "false" },
      ],
    });
    expect((await waitFinished(warned.body.id)).disposition).toBe("Warning");

    const errors = await call<WorkflowJob[]>(sim, `/v3/workflows/${workflowId}/jobs?status=Error&limit=1000`, {
      token: curator(sim).token,
    });
    expect(errors.body.map((j) => j.id)).toContain(failed.body.id);
  });

  it("decides the outcome by the answers alone", async () => {
    const a = await enqueue({ questions: [{ name: "fail", value: "true" }] });
    const b = await enqueue({ questions: [{ name: "fail", value: "true" }] });
    const [da, db] = [await waitFinished(a.body.id), await waitFinished(b.body.id)];
    expect(da.disposition).toBe(db.disposition);
  });

  it("lets an Artisan queue a job that is theirs", async () => {
    const me = artisan(sim);
    const res = await enqueue({}, me.token);
    expect(res.status).toBe(200);
    expect((await get<Job>(sim, `/v3/jobs/${res.body.id}`, me.token)).status).toBe(200);
    expect((await waitFinished(res.body.id, me.token)).status).toBe("Completed");
    const listed = (await allJobs(sim, `allUsers=true&users=${me.id}`)).map((j) => j.jobId);
    expect(listed).toContain(res.body.id);
  });

  it("answers 404 for an unknown workflow", async () => {
    const res = await call<ErrorBody>(sim, "/v3/workflows/000000000000000000000000/jobs", {
      method: "POST",
      token: curator(sim).token,
      headers: JSON_HEADERS,
      body: "{}",
    });
    expect(res.status).toBe(404);
    expect(res.body.message).toEqual(expect.any(String));
  });

  it("refuses invalid bodies with 400, a message and modelState", async () => {
    const cases: [string, string, Record<string, string>][] = [
      ["{not json", "contract", JSON_HEADERS],
      ['{"priority": "Sometimes"}', "contract.priority", JSON_HEADERS],
      ['{"priority": 3}', "contract.priority", JSON_HEADERS],
      ['{"questions": "Region=EU"}', "contract.questions", JSON_HEADERS],
      ['{"questions": [{"name": "Region"}]}', "contract.questions[0].value", JSON_HEADERS],
      ['{"questions": [{"name": "Year", "value": 2025}]}', "contract.questions[0].value", JSON_HEADERS],
      ['{"questions": [{"name": "", "value": "x"}]}', "contract.questions[0].name", JSON_HEADERS],
      ['{"questions": [42]}', "contract.questions[0]", JSON_HEADERS],
      ['{"workerTag": 7}', "contract.workerTag", JSON_HEADERS],
      ['{"credentialId": ""}', "contract.credentialId", JSON_HEADERS],
      ["[]", "contract", JSON_HEADERS],
      ["null", "contract", JSON_HEADERS],
    ];
    for (const [body, field, headers] of cases) {
      const res = await call<ErrorBody>(sim, `/v3/workflows/${workflowId}/jobs`, {
        method: "POST",
        token: curator(sim).token,
        headers,
        body,
      });
      expect(res.status, body).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.body.message, body).toEqual(expect.any(String));
      expect(Object.keys(res.body.modelState ?? {}), body).toContain(field);
      expect(res.body.modelState?.[field]?.[0], body).toEqual(expect.any(String));
    }
    // Still serving.
    expect((await enqueue({})).status).toBe(200);
  });

  it("answers 415 to a body in a media type it has no reader for (ASP.NET Web API)", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
      const res = await call<ErrorBody>(sim, `/v3/workflows/${workflowId}/jobs`, {
        method: "POST",
        token: curator(sim).token,
        headers: { "content-type": type },
        body: '{"priority": "High"}',
      });
      expect(res.status, type).toBe(415);
      expect(res.body.message).toContain(`'${type}'`);
    }
  });

  it("ignores members the contract does not know (JSON.NET's default)", async () => {
    const body = { colour: "red", priority: "High", questions: [{ name: "Region", value: "EU", extra: 1 }] };
    const res = await call<Job>(sim, `/v3/workflows/${workflowId}/jobs`, {
      method: "POST",
      token: curator(sim).token,
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "Queued", priority: "High" });
    expect(res.body).not.toHaveProperty("colour");
  });

  it("refuses bodies over 1 MB with 413 and keeps serving", async () => {
    const huge = JSON.stringify({ workerTag: "x".repeat(1_100_000) });
    const res = await call<ErrorBody>(sim, `/v3/workflows/${workflowId}/jobs`, {
      method: "POST",
      token: curator(sim).token,
      headers: JSON_HEADERS,
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(res.body.message).toEqual(expect.any(String));
    expect((await enqueue({})).status).toBe(200);
  });
});

describe("simulator: cancelling a job queued through the API (time scale 10)", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start({ jobs: 10, seed: 5, timeScale: 10 });
  });
  afterAll(() => sim.close());

  it("deletes it while queued and cancels it once running", async () => {
    const token = curator(sim).token;
    const url = `/v3/workflows/${sim.workflows[0]?.id}/jobs`;
    const queued = await call<Job>(sim, url, { method: "POST", token });
    const deleted = await call<ErrorBody>(sim, `/v3/jobs/${queued.body.id}`, { method: "DELETE", token });
    expect(deleted.body).toEqual({ message: "Deleted Successfully." });
    expect((await get(sim, `/v3/jobs/${queued.body.id}`, token)).status).toBe(404);

    const running = await call<Job>(sim, url, { method: "POST", token });
    await eventually(
      async () => {
        const job = await get<Job>(sim, `/v3/jobs/${running.body.id}?includeMessages=false`, token);
        return job.body.status === "Initializing" || job.body.status === "Running" ? true : undefined;
      },
      3_000,
      5,
    );
    const cancelled = await call<ErrorBody>(sim, `/v3/jobs/${running.body.id}`, { method: "DELETE", token });
    expect(cancelled.body).toEqual({ message: "Cancelled Successfully." });
    const after = await get<Job>(sim, `/v3/jobs/${running.body.id}`, token);
    expect(after.body).toMatchObject({ status: "Cancelled", disposition: "Cancelled", outputs: [] });
    // It stays cancelled as the clock moves on.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await get<Job>(sim, `/v3/jobs/${running.body.id}`, token)).body.status).toBe("Cancelled");
  });
});
