import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer, json } from "../../simulator/src/http.js";
import type { RunningSimulator } from "../../simulator/src/index.js";
import { call, curator, get, start, type ErrorBody, type JobsPage } from "./helpers.js";

describe("simulator: bad input never crashes it", () => {
  let sim: RunningSimulator;
  let token: string;
  let jobId: string;
  beforeAll(async () => {
    sim = await start({ jobs: 100, seed: 2 });
    token = curator(sim).token;
    jobId = (await get<JobsPage>(sim, "/v3/jobs?limit=1", token)).body.data[0]?.jobId ?? "";
  });
  afterAll(() => sim.close());

  const stillServing = async () => expect((await get(sim, "/v3/jobs?limit=1", token)).status).toBe(200);

  it("answers 400 with modelState naming the parameter for malformed query values", async () => {
    const cases: [string, string][] = [
      ["/v3/jobs?statuses=Bogus", "statuses"],
      ["/v3/jobs?statuses=Queued,Completed", "statuses"],
      ["/v3/jobs?priorities=Urgent", "priorities"],
      ["/v3/jobs?priorities=-1", "priorities"],
      ["/v3/jobs?limit=0", "limit"],
      ["/v3/jobs?limit=abc", "limit"],
      ["/v3/jobs?limit=1.5", "limit"],
      ["/v3/jobs?offset=-1", "offset"],
      ["/v3/jobs?offset=99999999999", "offset"],
      ["/v3/jobs?limit=5&limit=6", "limit"],
      ["/v3/jobs?completedAfter=2025-13-45", "completedAfter"],
      ["/v3/jobs?completedAfter=2025-02-30", "completedAfter"],
      ["/v3/jobs?completedBefore=yesterday", "completedBefore"],
      ["/v3/jobs?completedBefore=2025-1-5", "completedBefore"],
      ["/v3/jobs?direction=up", "direction"],
      ["/v3/jobs?sortField=Nope", "sortField"],
      ["/v3/jobs?allUsers=maybe", "allUsers"],
      [`/v3/jobs/${"0".repeat(24)}?includeMessages=perhaps`, "includeMessages"],
      [`/v3/workflows/${"0".repeat(24)}/jobs?status=Done`, "status"],
    ];
    for (const [path, field] of cases) {
      const res = await get<ErrorBody>(sim, path, token);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type"), path).toBe("application/json; charset=utf-8");
      expect(res.body.message, path).toEqual(expect.any(String));
      expect(Object.keys(res.body.modelState ?? {}), path).toEqual([field]);
      expect(res.body.modelState?.[field]?.[0], path).toEqual(expect.any(String));
    }
    await stillServing();
  });

  it("names every bad parameter at once", async () => {
    const res = await get<ErrorBody>(sim, "/v3/jobs?limit=0&offset=x&direction=up&statuses=Nope", token);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.modelState ?? {}).sort()).toEqual(["direction", "limit", "offset", "statuses"]);
  });

  it("accepts well-formed values, empty values and unknown parameters", async () => {
    for (const query of [
      "limit=1000&offset=0",
      "statuses=",
      "allUsers=TRUE",
      "completedAfter=2024-02-29",
      "unknown=1",
      "direction=asc&sortField=Status",
    ]) {
      const res = await get(sim, `/v3/jobs?${query}`, token);
      expect(res.status, query).toBe(200);
    }
    expect((await get(sim, `/v3/jobs/${jobId}?includeMessages=False`, token)).status).toBe(200);
  });

  it("answers 404 with a message for unknown routes", async () => {
    for (const path of ["/v3/nothing", "/v2/jobs", "/v3/jobs/x/y/z", "/", ""]) {
      const res = await get<ErrorBody>(sim, path, token);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.body.message, path).toEqual(expect.any(String));
    }
    const outside = await call<ErrorBody>(sim.url.replace(/\/webapi$/, ""), "/v3/jobs", { token });
    expect(outside.status).toBe(404);
    expect(outside.body.message).toEqual(expect.any(String));
  });

  it("answers 405 with a message for a wrong method", async () => {
    for (const [method, path] of [
      ["PUT", "/v3/jobs"],
      ["POST", "/v3/jobs"],
      ["PATCH", `/v3/jobs/${jobId}`],
      ["DELETE", "/v3/jobs"],
      ["GET", "/oauth2/token"],
      ["DELETE", `/v3/workflows/${sim.workflows[0]?.id}/jobs`],
    ] as const) {
      const res = await call<ErrorBody>(sim, path, { method, token });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toEqual(expect.any(String));
      expect(res.body.message).toEqual(expect.any(String));
    }
    await stillServing();
  });

  it("answers 400 for broken JSON and 415 for a media type it cannot read on POST", async () => {
    const url = `/v3/workflows/${sim.workflows[0]?.id}/jobs`;
    const broken = await call<ErrorBody>(sim, url, {
      method: "POST",
      token,
      headers: { "content-type": "application/json" },
      body: '{"priority":',
    });
    expect(broken.status).toBe(400);
    expect(Object.keys(broken.body.modelState ?? {})).toEqual(["contract"]);
    const wrongType = await call<ErrorBody>(sim, url, {
      method: "POST",
      token,
      headers: { "content-type": "text/xml" },
      body: "<x/>",
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.message).toBe(
      "The request entity's media type 'text/xml' is not supported for this resource.",
    );
    await stillServing();
  });

  it("refuses bodies over 1 MB on the token endpoint too", async () => {
    const res = await call<ErrorBody>(sim, "/oauth2/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&pad=${"x".repeat(2 * 1024 * 1024)}`,
    });
    expect([400, 413]).toContain(res.status);
    await stillServing();
  });
});

describe("simulator: lifecycle and browsers", () => {
  it("answers CORS preflights and sends CORS headers", async () => {
    const sim = await start({ jobs: 5 });
    try {
      const pre = await fetch(`${sim.url}/v3/jobs`, {
        method: "OPTIONS",
        headers: {
          origin: "http://example.test",
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe("*");
      expect(pre.headers.get("access-control-allow-headers")).toBe("authorization");
      const res = await get(sim, "/v3/jobs", curator(sim).token);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      // A plain OPTIONS (not a preflight) is just a method the API does not have.
      expect((await call(sim, "/v3/jobs", { method: "OPTIONS" })).status).toBe(405);
    } finally {
      await sim.close();
    }
  });

  it("close() ends keep-alive connections and stops answering", async () => {
    const sim = await start({ jobs: 5 });
    const token = curator(sim).token;
    // fetch keeps its connection alive; close() must not wait for it to time out.
    expect((await get(sim, "/v3/jobs", token)).status).toBe(200);
    const closing = sim.close();
    await closing;
    await expect(sim.close()).resolves.toBeUndefined(); // closing twice is fine
    await expect(fetch(`${sim.url}/v3/jobs`, { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow();
  });
});

describe("simulator: a handler that throws", () => {
  it("answers 500 with a message and keeps serving", async () => {
    const errors: unknown[] = [];
    const server = createHttpServer(
      [
        {
          pattern: "/boom",
          methods: {
            GET: () => {
              throw new Error("kaput");
            },
          },
        },
        { pattern: "/slow-boom", methods: { GET: async () => Promise.reject(new TypeError("later")) } },
        { pattern: "/ok", methods: { GET: () => json(200, { ok: true }) } },
      ],
      { onError: (e) => errors.push(e) },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webapi`;
    try {
      for (const path of ["/boom", "/slow-boom", "/boom"]) {
        const res = await call<ErrorBody>(base, path);
        expect(res.status).toBe(500);
        expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
        expect(res.body).toEqual({ message: "An error has occurred." });
      }
      expect(errors).toHaveLength(3);
      expect((await call(base, "/ok")).body).toEqual({ ok: true });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
