/**
 * The simulator against the spec: every operation and every status it can answer goes through
 * `prism proxy generated/openapi.yaml <simulator> --errors`, which turns any request or response that
 * breaks the spec into a 422/500 with a `validation` list (and an `sl-violations` header). No answer
 * may carry that signal. Answers to requests the spec itself forbids (Prism refuses to forward those)
 * are checked directly against the spec's response schemas with Ajv.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismHandle, startPrism } from "../../cli/src/conformance/prism.js";
import type { RunningSimulator, SimulatorUser } from "../../simulator/src/index.js";
import { createSpecValidator } from "../../src/validate.js";
import {
  FORM,
  allJobs,
  artisan,
  call,
  curator,
  eventually,
  formBody,
  start,
  violationSignal,
  type Answer,
  type Job,
  type JobSummary,
} from "./helpers.js";

describe("simulator: conformance to generated/openapi.yaml through prism proxy", () => {
  let sim: RunningSimulator;
  let prism: PrismHandle;
  let proxy: string;
  let boss: SimulatorUser;
  let worker: SimulatorUser;
  let jobs: JobSummary[];
  const checked: string[] = [];

  /** One call through the proxy: it must answer `status` and carry no violation. */
  async function through<T = unknown>(
    label: string,
    status: number,
    path: string,
    init: RequestInit & { token?: string } = {},
  ): Promise<Answer<T>> {
    const res = await call<T>(proxy, path, init);
    expect(violationSignal(res), `${label}: ${JSON.stringify(res.body)}`).toBeUndefined();
    expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(status);
    checked.push(`${status} ${label}`);
    return res;
  }
  const job = (pred: (j: JobSummary) => boolean, nth = 0) => {
    const found = jobs.filter(pred)[nth];
    if (!found) throw new Error("no such job");
    return found.jobId;
  };

  beforeAll(async () => {
    sim = await start({ jobs: 400, seed: 21, timeScale: 1000 });
    boss = curator(sim);
    worker = artisan(sim);
    jobs = await allJobs(sim);
    // Prism joins the upstream's path with the request's (/v3/...): the upstream is the /webapi base URL.
    prism = await startPrism({ upstream: sim.url });
    proxy = prism.url;
  }, 40_000);

  afterAll(async () => {
    await prism?.stop();
    await sim?.close();
  });

  it("detects a violation when there is one (the check itself works)", async () => {
    const res = await call(proxy, "/v3/jobs?statuses=Bogus", { token: boss.token });
    expect(violationSignal(res)).toMatch(/statuses/i);
  });

  it("requestToken: 200 (form and Basic), 400, 401", async () => {
    const creds = { client_id: boss.clientId, client_secret: boss.clientSecret };
    const basic = `Basic ${Buffer.from(`${boss.clientId}:${boss.clientSecret}`).toString("base64")}`;
    await through("token form", 200, "/oauth2/token", {
      method: "POST",
      headers: FORM,
      body: formBody({ grant_type: "client_credentials", ...creds }),
    });
    await through("token basic", 200, "/oauth2/token", {
      method: "POST",
      headers: { ...FORM, authorization: basic },
      body: "grant_type=client_credentials",
    });
    await through("token both ways", 400, "/oauth2/token", {
      method: "POST",
      headers: { ...FORM, authorization: basic },
      body: formBody({ grant_type: "client_credentials", ...creds }),
    });
    await through("token wrong secret", 401, "/oauth2/token", {
      method: "POST",
      headers: FORM,
      body: formBody({ grant_type: "client_credentials", client_id: boss.clientId, client_secret: "wrong" }),
    });
    await through("token no credentials", 401, "/oauth2/token", {
      method: "POST",
      headers: FORM,
      body: "grant_type=client_credentials",
    });
  });

  it("listJobs: 200 with every filter and sort, 401", async () => {
    const t = { token: boss.token };
    for (const query of [
      "",
      "limit=1000",
      "statuses=Queued,Initializing,Running",
      "statuses=Complete&completedAfter=2025-06-01&completedBefore=2025-07-01",
      "priorities=High,Critical",
      "priorities=6",
      `allUsers=true&users=${worker.id}`,
      `workflowNames=${encodeURIComponent(sim.workflows[0]?.name ?? "")}`,
      "sortField=AppName&direction=asc&offset=10&limit=10",
      "sortField=CompletionDateTime&direction=desc",
      "sortField=Priority&direction=asc",
      "sortField=Status&direction=desc",
      "sortField=CreateDate&direction=asc",
      "offset=100000",
    ]) {
      await through(`listJobs ?${query}`, 200, `/v3/jobs?${query}`, t);
    }
    await through("listJobs as Artisan", 401, "/v3/jobs", { token: worker.token });
    await through("listJobs bad token", 401, "/v3/jobs", { token: "not-a-token" });
  });

  it("getJob: 200 in every state, with and without messages, 401, 404", async () => {
    for (const status of ["Queued", "Initializing", "Running", "Completed", "Cancelled"]) {
      const id = job((j) => j.status === status);
      await through(`getJob ${status}`, 200, `/v3/jobs/${id}`, { token: boss.token });
      await through(`getJob ${status} reduced`, 200, `/v3/jobs/${id}?includeMessages=false`, { token: boss.token });
    }
    await through(
      "getJob own as Artisan",
      200,
      `/v3/jobs/${job((j) => j.submittedBy === worker.name)}?includeMessages=true`,
      { token: worker.token },
    );
    await through("getJob other's as Artisan", 404, `/v3/jobs/${job((j) => j.submittedBy !== worker.name)}`, {
      token: worker.token,
    });
    await through("getJob unknown", 404, "/v3/jobs/000000000000000000000000", { token: boss.token });
    await through("getJob bad token", 401, `/v3/jobs/${job(() => true)}`, { token: "nope" });
  });

  it("getJobMessages: 200, 401, 404", async () => {
    await through("messages Completed", 200, `/v3/jobs/${job((j) => j.status === "Completed")}/messages`, {
      token: boss.token,
    });
    await through("messages Running", 200, `/v3/jobs/${job((j) => j.status === "Running")}/messages`, {
      token: boss.token,
    });
    await through("messages Queued", 200, `/v3/jobs/${job((j) => j.status === "Queued")}/messages`, {
      token: boss.token,
    });
    await through("messages as Artisan", 401, `/v3/jobs/${job((j) => j.submittedBy === worker.name)}/messages`, {
      token: worker.token,
    });
    await through("messages unknown", 404, "/v3/jobs/000000000000000000000000/messages", { token: boss.token });
  });

  it("listWorkflowJobs: 200 with every filter, 401, 404", async () => {
    const w = sim.workflows[0]?.id ?? "";
    for (const query of [
      "",
      "status=Complete",
      "status=Error",
      "status=Running",
      "status=Queued",
      "resultCode=Success",
      "resultCode=Warning",
      "resultCode=Error",
      "sortField=Priority&direction=asc&offset=2&limit=5",
    ]) {
      await through(`listWorkflowJobs ?${query}`, 200, `/v3/workflows/${w}/jobs?${query}`, { token: worker.token });
    }
    await through("listWorkflowJobs unknown", 404, "/v3/workflows/000000000000000000000000/jobs", {
      token: boss.token,
    });
    await through("listWorkflowJobs bad token", 401, `/v3/workflows/${w}/jobs`, { token: "nope" });
  });

  it("enqueueJob: 200 (and the job's life through getJob), 401, 404", async () => {
    const w = sim.workflows[1]?.id ?? "";
    const json = { "content-type": "application/json" };
    await through("enqueue no body", 200, `/v3/workflows/${w}/jobs`, { method: "POST", token: boss.token });
    await through("enqueue {}", 200, `/v3/workflows/${w}/jobs`, {
      method: "POST",
      token: worker.token,
      headers: json,
      body: "{}",
    });
    const full = {
      workerTag: "gpu",
      credentialId: "5f8f1e2a9b1c4d0001a1b2c4",
      priority: "Critical",
      questions: [{ name: "fail", value: "true" }],
    };
    const res = await through<Job>("enqueue full", 200, `/v3/workflows/${w}/jobs`, {
      method: "POST",
      token: boss.token,
      headers: json,
      body: JSON.stringify(full),
    });
    await eventually(async () => {
      const now = await through<Job>("getJob live", 200, `/v3/jobs/${res.body.id}`, { token: boss.token });
      return now.body.status === "Completed" ? true : undefined;
    });
    await through("messages live", 200, `/v3/jobs/${res.body.id}/messages`, { token: boss.token });
    await through("enqueue unknown workflow", 404, "/v3/workflows/000000000000000000000000/jobs", {
      method: "POST",
      token: boss.token,
      headers: json,
      body: "{}",
    });
    await through("enqueue bad token", 401, `/v3/workflows/${w}/jobs`, {
      method: "POST",
      token: "nope",
      headers: json,
      body: "{}",
    });
  });

  it("cancelJob: 200 cancelled and deleted, 400 both ways, 401, 404", async () => {
    await through(
      "cancel other's as Artisan",
      400,
      `/v3/jobs/${job((j) => j.status === "Running" && j.submittedBy !== worker.name)}`,
      { method: "DELETE", token: worker.token },
    );
    await through("cancel Running", 200, `/v3/jobs/${job((j) => j.status === "Running")}`, {
      method: "DELETE",
      token: boss.token,
    });
    await through("cancel Queued (deleted)", 200, `/v3/jobs/${job((j) => j.status === "Queued")}`, {
      method: "DELETE",
      token: boss.token,
    });
    await through("cancel Completed", 400, `/v3/jobs/${job((j) => j.status === "Completed")}`, {
      method: "DELETE",
      token: boss.token,
    });
    await through("cancel unknown", 404, "/v3/jobs/000000000000000000000000", { method: "DELETE", token: boss.token });
    await through("cancel bad token", 401, `/v3/jobs/${job(() => true)}`, { method: "DELETE", token: "nope" });
  });

  it("covered every operation", () => {
    const ops = ["token", "listJobs", "getJob", "messages", "listWorkflowJobs", "enqueue", "cancel"];
    for (const op of ops)
      expect(
        checked.some((c) => c.split(" ")[1] === op),
        op,
      ).toBe(true);
    const statuses = new Set(checked.map((c) => c.split(" ")[0]));
    expect(statuses).toEqual(new Set(["200", "400", "401", "404"]));
  });
});

describe("simulator with the server's Swagger's readings: no violation through prism proxy", () => {
  // The Swagger's readings where it differs from the help page: messages as one object, a cancel's 200 without a
  // body, and no start or execution time before a job has them.
  const SWAGGER = {
    messages: "object",
    cancelBody: "empty",
    unstartedTimes: "absent",
    executionTime: "absent",
  } as const;
  let sim: RunningSimulator;
  let prism: PrismHandle;
  let jobs: JobSummary[];
  beforeAll(async () => {
    sim = await start({ jobs: 400, seed: 21, timeScale: 1000, quirks: SWAGGER });
    jobs = await allJobs(sim);
    prism = await startPrism({ upstream: sim.url });
  }, 40_000);
  afterAll(async () => {
    await prism?.stop();
    await sim?.close();
  });
  const through = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await call(prism.url, path, { token: curator(sim).token, ...init });
    expect(violationSignal(res), `${path}: ${JSON.stringify(res.body)}`).toBeUndefined();
    return res;
  };
  const first = (status: string) => jobs.find((j) => j.status === status)?.jobId ?? "";

  it("lists, reads and reads the messages of jobs that have not started or finished", async () => {
    const queued = jobs.find((j) => j.status === "Queued");
    expect(queued).not.toHaveProperty("executionTime");
    expect(queued).not.toHaveProperty("startTime");
    await through("/v3/jobs?limit=1000");
    for (const status of ["Queued", "Running", "Completed"]) {
      await through(`/v3/jobs/${first(status)}`);
      expect((await through(`/v3/jobs/${first(status)}/messages`)).status).toBe(200);
    }
  });

  it("cancels a running job and deletes a queued one: 200 with an empty body, which the spec accepts", async () => {
    for (const status of ["Running", "Queued"]) {
      const res = await through(`/v3/jobs/${first(status)}`, { method: "DELETE" });
      expect(res).toMatchObject({ status: 200, body: undefined });
    }
  });
});

describe("simulator: answers to requests the spec forbids still have the spec's shape", () => {
  const { validateResponse } = createSpecValidator();
  /** Validates a body against the schema the spec declares for an operation's status. */
  const validate = (operationId: string, status: number, body: unknown) =>
    validateResponse(operationId, status, body).map((v) => `${v.path} ${v.message}`);

  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start({ jobs: 50, seed: 21 });
  });
  afterAll(() => sim.close());

  it("400 for bad query values, 401 without a token, 400 for bad enqueue bodies", async () => {
    const token = curator(sim).token;
    const w = sim.workflows[0]?.id ?? "";
    const cases: [string, number, string, RequestInit & { token?: string }][] = [
      ["listJobs", 400, "/v3/jobs?statuses=Bogus&limit=0", { token }],
      ["listJobs", 401, "/v3/jobs", {}],
      ["getJob", 400, "/v3/jobs/000000000000000000000000?includeMessages=perhaps", { token }],
      ["getJob", 401, "/v3/jobs/000000000000000000000000", {}],
      ["cancelJob", 401, "/v3/jobs/000000000000000000000000", { method: "DELETE" }],
      ["getJobMessages", 401, "/v3/jobs/000000000000000000000000/messages", {}],
      ["listWorkflowJobs", 400, `/v3/workflows/${w}/jobs?status=Done`, { token }],
      [
        "enqueueJob",
        400,
        `/v3/workflows/${w}/jobs`,
        { method: "POST", token, headers: { "content-type": "application/json" }, body: '{"priority":"Sometimes"}' },
      ],
      [
        "enqueueJob",
        400,
        `/v3/workflows/${w}/jobs`,
        { method: "POST", token, headers: { "content-type": "application/json" }, body: "{oops" },
      ],
      ["requestToken", 400, "/oauth2/token", { method: "POST", headers: FORM, body: "grant_type=password" }],
      ["requestToken", 400, "/oauth2/token", { method: "POST", headers: FORM, body: "client_id=x" }],
    ];
    // The check itself works: a body of the wrong shape is caught.
    expect(validate("listJobs", 400, { modelState: { x: "not a list" } }).length).toBeGreaterThan(0);
    expect(validate("listJobs", 200, { data: [{}], pagination: {} }).length).toBeGreaterThan(0);
    for (const [operationId, status, url, init] of cases) {
      const res = await call(sim, url, init);
      expect(res.status, url).toBe(status);
      expect(validate(operationId, status, res.body), `${operationId} ${url}`).toEqual([]);
    }
  });
});
