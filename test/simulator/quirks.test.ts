/** The simulator as other servers: each quirk changes exactly the answer it names; the defaults are the spec's. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Quirks,
  type RunningSimulator,
  SPEC_QUIRKS,
  parseQuirk,
  resolveQuirks,
} from "../../simulator/src/index.js";
import { FORM, artisan, call, completionMs, curator, formBody, get, start } from "./helpers.js";
import type { Job, JobMessage, JobsPage } from "./helpers.js";

/** A simulator per set of quirks, started once and closed after the file. */
const sims = new Map<string, Promise<RunningSimulator>>();
const simWith = (quirks: Partial<Quirks>, jobs = 1200) => {
  const key = `${JSON.stringify(quirks)}/${jobs}`;
  if (!sims.has(key)) sims.set(key, start({ jobs, seed: 3, timeScale: 10, quirks }));
  return sims.get(key)!;
};
afterAll(async () => {
  for (const sim of sims.values()) await (await sim).close();
});

/** The first job the Curator lists with `query`. */
async function firstJob(sim: RunningSimulator, query: string) {
  const page = await get<JobsPage>(sim, `/v3/jobs?limit=1&${query}`, curator(sim).token);
  if (!page.body.data[0]) throw new Error(`no job for ${query}`);
  return page.body.data[0];
}

describe("simulator quirks", () => {
  it("defaults to the spec's readings", async () => {
    expect((await simWith({})).quirks).toEqual(SPEC_QUIRKS);
  });

  it.each([
    ["array", true],
    ["object", false],
  ] as const)("messages=%s", async (value, isArray) => {
    const sim = await simWith({ messages: value });
    const job = await firstJob(sim, "statuses=Complete");
    const res = await get<JobMessage[] | JobMessage>(sim, `/v3/jobs/${job.jobId}/messages`, curator(sim).token);
    expect(Array.isArray(res.body)).toBe(isArray);
    if (!isArray) expect(res.body).toMatchObject({ status: 4, text: expect.stringMatching(/^Finished in/) });
  });

  describe("completedAfter and completedBefore", () => {
    /** Whether the job finishing on its day D shows with `completedAfter=D` and with `completedBefore=D`. */
    async function listedOnItsDay(sim: RunningSimulator) {
      const job = await firstJob(sim, "statuses=Complete&sortField=CreateDate&direction=asc");
      const day = new Date(completionMs(job)!).toISOString().slice(0, 10);
      const ids = async (query: string) => {
        const page = await get<JobsPage>(sim, `/v3/jobs?limit=1000&${query}`, curator(sim).token);
        return page.body.data.map((j) => j.jobId);
      };
      return {
        after: (await ids(`completedAfter=${day}&sortField=CompletionDateTime&direction=asc`)).includes(job.jobId),
        before: (await ids(`completedBefore=${day}&sortField=CompletionDateTime&direction=desc`)).includes(job.jobId),
      };
    }
    it.each([
      [{}, { after: true, before: false }],
      [{ completedAfter: "exclusive" }, { after: false, before: false }],
      [{ completedBefore: "inclusive" }, { after: true, before: true }],
    ] as const)("%j lists the job of day D: %j", async (quirks, expected) => {
      expect(await listedOnItsDay(await simWith(quirks))).toEqual(expected);
    });
  });

  it.each([
    ["null", (j: object) => expect(j).toHaveProperty("startTime", null)],
    ["absent", (j: object) => expect(j).not.toHaveProperty("startTime")],
    ["zero-date", (j: object) => expect(j).toHaveProperty("startTime", "0001-01-01T00:00:00")],
  ] as const)("unstartedTimes=%s", async (value, check) => {
    check(await firstJob(await simWith({ unstartedTimes: value }), "statuses=Queued"));
    // A started job keeps its real time.
    expect((await firstJob(await simWith({ unstartedTimes: value }), "statuses=Complete")).startTime).toMatch(/^2025-/);
  });

  it.each([
    ["accepted", 200],
    ["not-found", 404],
  ] as const)("trailingSlash=%s", async (value, status) => {
    const sim = await simWith({ trailingSlash: value });
    expect((await get(sim, "/v3/jobs/?limit=1", curator(sim).token)).status).toBe(status);
    expect((await get(sim, "/v3/jobs?limit=1", curator(sim).token)).status).toBe(200);
  });

  it.each([
    ["insensitive", 200],
    ["sensitive", 401],
  ] as const)("bearerCase=%s", async (value, status) => {
    const sim = await simWith({ bearerCase: value });
    const headers = { authorization: `bearer ${curator(sim).token}` };
    expect((await call(sim, "/v3/jobs?limit=1", { headers })).status).toBe(status);
  });

  it.each([
    ["sensitive", 400],
    ["insensitive", 200],
  ] as const)("enumCase=%s", async (value, status) => {
    const sim = await simWith({ enumCase: value });
    const token = curator(sim).token;
    expect((await get(sim, "/v3/jobs?limit=1&statuses=queued", token)).status).toBe(status);
    expect((await get(sim, "/v3/jobs?limit=1&sortField=createdate&direction=ASC", token)).status).toBe(status);
    expect((await get(sim, `/v3/workflows/${sim.workflows[0]?.id}/jobs?status=complete`, token)).status).toBe(status);
    if (status === 200) {
      const queued = await get<JobsPage>(sim, "/v3/jobs?limit=5&statuses=qUEUED", token);
      expect(queued.body.data.map((j) => j.status)).toEqual(Array(queued.body.data.length).fill("Queued"));
    }
  });

  const caps: [Partial<Quirks>, number, number][] = [
    [{}, 1200, 5000],
    [{ limitCap: 250 }, 250, 250],
    [{ limitCap: 1000 }, 1000, 1000],
  ];
  it.each(caps)("limitCap %j: asked for 5000, a page holds %i jobs, pageSize %i", async (quirks, size, pageSize) => {
    const sim = await simWith(quirks);
    const page = await get<JobsPage>(sim, "/v3/jobs?limit=5000", curator(sim).token);
    expect(page.body.data).toHaveLength(size);
    expect(page.body.pagination.pageSize).toBe(pageSize);
  });

  const bodies = [
    // Deleted while queued, or cancelled if a busy machine let it start first.
    ["message", { message: expect.stringMatching(/^(Deleted|Cancelled) Successfully\.$/) }],
    ["empty", ""],
  ] as const;
  it.each(bodies)("cancelBody=%s", async (value, body) => {
    const sim = await simWith({ cancelBody: value });
    const token = curator(sim).token;
    const queued = await call<Job>(sim, `/v3/workflows/${sim.workflows[0]?.id}/jobs`, { method: "POST", token });
    const res = await call(sim, `/v3/jobs/${queued.body.id}`, { method: "DELETE", token });
    expect(res.status).toBe(200);
    expect(res.body ?? "").toEqual(body);
    // Refusals keep their message either way.
    const done = await firstJob(sim, "statuses=Complete");
    const again = await call(sim, `/v3/jobs/${done.jobId}`, { method: "DELETE", token });
    expect(again).toMatchObject({ status: 400, body: { message: expect.stringContaining("not in 'Queued'") } });
  });

  it.each([[401], [403]] as const)("artisanOnCuratorRoutes=%i", async (status) => {
    const sim = await simWith({ artisanOnCuratorRoutes: status });
    expect((await get(sim, "/v3/jobs", artisan(sim).token)).status).toBe(status);
    const job = await firstJob(sim, "statuses=Complete");
    expect((await get(sim, `/v3/jobs/${job.jobId}/messages`, artisan(sim).token)).status).toBe(status);
  });

  describe("multiValue: how several values of a filter travel", () => {
    /** How many completed jobs a priorities filter lists (each priority alone, comma-separated, repeated). */
    async function counts(sim: RunningSimulator) {
      const total = async (query: string) => {
        const page = await get<JobsPage>(sim, `/v3/jobs?statuses=Complete&limit=1&${query}`, curator(sim).token);
        return page.status === 200 ? page.body.pagination.totalItems : page.status;
      };
      const low = await total("priorities=Low");
      const high = await total("priorities=High");
      expect(low).toBeGreaterThan(0);
      expect(high).toBeGreaterThan(0);
      return {
        comma: await total("priorities=Low,High"),
        repeated: await total("priorities=Low&priorities=High"),
        low,
        both: (low as number) + (high as number),
      };
    }
    it("comma (the spec's): a,b is two values; of a repeated parameter only the first counts", async () => {
      const c = await counts(await simWith({}));
      expect(c).toEqual({ ...c, comma: c.both, repeated: c.low });
    });
    it("repeated: each parameter is one value, so a,b is no valid priority (400)", async () => {
      const c = await counts(await simWith({ multiValue: "repeated" }));
      expect(c).toEqual({ ...c, comma: 400, repeated: c.both });
    });
    it("both: either way", async () => {
      const c = await counts(await simWith({ multiValue: "both" }));
      expect(c).toEqual({ ...c, comma: c.both, repeated: c.both });
    });
  });

  it.each([
    ["message", { message: "Job not found." }, "application/json; charset=utf-8"],
    ["empty", undefined, null],
    ["text", "Job not found.", "text/plain; charset=utf-8"],
  ] as const)(
    "errorBodies=%s: 401, 403 and 404 carry it; the token endpoint keeps its OAuth body",
    async (value, notFound, type) => {
      const sim = await simWith({ errorBodies: value, artisanOnCuratorRoutes: 403 });
      const unknown = "/v3/jobs/000000000000000000000000";
      const missing = await get(sim, unknown, curator(sim).token);
      expect(missing).toMatchObject({ status: 404, body: notFound });
      expect(missing.headers.get("content-type")).toBe(type);
      const unauthorized = await call(sim, unknown);
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get("www-authenticate")).toBe('Bearer realm="webapi"');
      const forbidden = await get(sim, "/v3/jobs", artisan(sim).token);
      expect(forbidden.status).toBe(403);
      for (const refusal of [unauthorized, forbidden]) {
        if (value === "message")
          expect(refusal.body).toEqual({ message: expect.stringMatching(/^Authorization has been denied/) });
        else if (value === "empty") expect(refusal.body).toBeUndefined();
        else expect(refusal.body).toMatch(/^Authorization has been denied/);
      }
      const token = await call(sim, "/oauth2/token", {
        method: "POST",
        headers: FORM,
        body: formBody({ grant_type: "client_credentials", client_id: curator(sim).clientId, client_secret: "wrong" }),
      });
      expect(token).toMatchObject({ status: 401, body: { error: "invalid_client" } });
      // Other answers keep their bodies.
      expect((await get(sim, "/v3/jobs?statuses=Bogus", curator(sim).token)).body).toMatchObject({ modelState: {} });
    },
  );

  it.each([
    ["null", (j: object) => expect(j).toHaveProperty("executionTime", null)],
    ["absent", (j: object) => expect(j).not.toHaveProperty("executionTime")],
  ] as const)("executionTime=%s while a job has not finished", async (value, check) => {
    const sim = await simWith({ executionTime: value });
    check(await firstJob(sim, "statuses=Running"));
    check(await firstJob(sim, "statuses=Queued"));
    expect((await firstJob(sim, "statuses=Complete")).executionTime).toMatch(/^\d+:\d\d:\d\d$/);
  });

  it.each([
    ["known", "Error"],
    ["other", "Failed"],
  ] as const)("dispositions=%s: a failed run ends %s", async (value, disposition) => {
    const sim = await simWith({ dispositions: value });
    const token = curator(sim).token;
    const failed: string[] = [];
    for (const workflow of sim.workflows.slice(0, 5)) {
      const jobs = await get<{ id: string }[]>(sim, `/v3/workflows/${workflow.id}/jobs?resultCode=Error`, token);
      failed.push(...jobs.body.map((j) => j.id));
    }
    expect(failed.length).toBeGreaterThan(0);
    const job = await get<Job>(sim, `/v3/jobs/${failed[0]}`, token);
    expect(job.body).toMatchObject({ status: "Completed", disposition });
    const succeeded = await firstJob(sim, "statuses=Complete");
    const other = await get<Job>(sim, `/v3/jobs/${succeeded.jobId}`, token);
    expect(["Success", "Warning", "Error", "Cancelled", disposition]).toContain(other.body.disposition);
  });

  it.each([
    ["registered", "text/csv; charset=utf-8"],
    ["octet-stream", "application/octet-stream"],
  ] as const)("outputTypes=%s: a Csv download is sent as %s", async (value, type) => {
    const sim = await simWith({ outputTypes: value });
    const token = curator(sim).token;
    const page = await get<JobsPage>(sim, "/v3/jobs?statuses=Complete&limit=50", token);
    for (const summary of page.body.data) {
      const job = await get<Job>(sim, `/v3/jobs/${summary.jobId}`, token);
      const output = job.body.outputs?.find((o) => o.availableFormats?.includes("Csv"));
      if (!output) continue;
      const file = await call(sim, `/v1/jobs/${job.body.id}/output/${output.id}?format=Csv`, { token });
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe(type);
      return;
    }
    throw new Error("no completed job with a Csv output among the first 50");
  });

  it("refuses unknown names and values with a RangeError that lists the known ones", () => {
    expect(() => resolveQuirks({ messages: "list" as never })).toThrow(/messages must be one of array, object/);
    expect(() => resolveQuirks({ colour: "red" } as never)).toThrow(/unknown quirk 'colour'/);
    expect(() => resolveQuirks({ limitCap: 0 })).toThrow(/limitCap must be a whole number/);
    expect(() => parseQuirk("messages")).toThrow(/name=value/);
    expect(parseQuirk("limitCap=500")).toEqual({ limitCap: 500 });
    expect(parseQuirk("artisanOnCuratorRoutes=403")).toEqual({ artisanOnCuratorRoutes: 403 });
    expect(parseQuirk("limitCap=none")).toEqual({ limitCap: "none" });
    expect(() => resolveQuirks(parseQuirk("limitCap=lots"))).toThrow(
      /limitCap must be a whole number from 1 or "none", not 'lots'/,
    );
    expect(() => resolveQuirks(parseQuirk("messages=2"))).toThrow(/messages must be one of array, object, not '2'/);
  });
});

describe("simulator token lifetime", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start({ jobs: 5, timeScale: 100, tokenLifetime: 1800 });
  });
  afterAll(() => sim.close());

  it("issues tokens that live --token-lifetime seconds, whatever the time scale", async () => {
    const user = curator(sim);
    const res = await call<{ expires_in: number }>(sim, "/oauth2/token", {
      method: "POST",
      headers: FORM,
      body: formBody({ grant_type: "client_credentials", client_id: user.clientId, client_secret: user.clientSecret }),
    });
    expect(res.body.expires_in).toBe(1800);
    expect(sim.tokenLifetime).toBe(1800);
  });

  it("refuses a lifetime that is not a whole number of seconds from 1", async () => {
    await expect(start({ tokenLifetime: 0 })).rejects.toThrow(/tokenLifetime must be a whole number/);
    await expect(start({ tokenLifetime: 2.5 })).rejects.toThrow(/tokenLifetime/);
  });
});
