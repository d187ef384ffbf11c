import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/src/index.js";
import { FORM, artisan, call, curator, eventually, formBody, get, start } from "./helpers.js";

const DENIED = { message: "Authorization has been denied for this request." };

describe("simulator: tokens", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start({ jobs: 50, seed: 11 });
  });
  afterAll(() => sim.close());

  it("has Curators and Artisans with credentials and ready tokens", () => {
    expect(sim.users.length).toBeGreaterThanOrEqual(2);
    expect(sim.users.some((u) => u.role === "Curator")).toBe(true);
    expect(sim.users.some((u) => u.role === "Artisan")).toBe(true);
    for (const u of sim.users) {
      expect(u.id).toMatch(/^[0-9a-f]{24}$/);
      expect(u.clientId).not.toBe("");
      expect(u.clientSecret).not.toBe("");
      expect(u.token).not.toBe("");
    }
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webapi$/);
  });

  it("issues a token for credentials sent as form fields", async () => {
    const user = artisan(sim);
    const res = await call<{ access_token: string; token_type: string; expires_in: number }>(sim, "/oauth2/token", {
      method: "POST",
      headers: FORM,
      body: formBody({ grant_type: "client_credentials", client_id: user.clientId, client_secret: user.clientSecret }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body.token_type).toBe("bearer");
    expect(res.body.expires_in).toBe(3600);
    expect(res.body.access_token.length).toBeGreaterThan(20);
    const job = await get(sim, "/v3/jobs/000000000000000000000000", res.body.access_token);
    expect(job.status).toBe(404); // authenticated: the job simply does not exist
  });

  it("issues a token for credentials sent with HTTP Basic", async () => {
    const user = curator(sim);
    const basic = Buffer.from(`${user.clientId}:${user.clientSecret}`).toString("base64");
    const res = await call<{ access_token: string }>(sim, "/oauth2/token", {
      method: "POST",
      headers: { ...FORM, authorization: `Basic ${basic}` },
      body: formBody({ grant_type: "client_credentials" }),
    });
    expect(res.status).toBe(200);
    const list = await get(sim, "/v3/jobs?limit=1", res.body.access_token);
    expect(list.status).toBe(200);
  });

  it("issues a different token each time", async () => {
    const user = curator(sim);
    const body = formBody({
      grant_type: "client_credentials",
      client_id: user.clientId,
      client_secret: user.clientSecret,
    });
    const a = await call<{ access_token: string }>(sim, "/oauth2/token", { method: "POST", headers: FORM, body });
    const b = await call<{ access_token: string }>(sim, "/oauth2/token", { method: "POST", headers: FORM, body });
    expect(a.body.access_token).not.toBe(b.body.access_token);
  });

  it("refuses wrong or missing credentials with invalid_client", async () => {
    const user = curator(sim);
    const attempts: Record<string, string>[] = [
      { grant_type: "client_credentials", client_id: user.clientId, client_secret: "wrong" },
      { grant_type: "client_credentials", client_id: "nobody", client_secret: user.clientSecret },
      { grant_type: "client_credentials" },
    ];
    for (const fields of attempts) {
      const res = await call<{ error: string; error_description: string }>(sim, "/oauth2/token", {
        method: "POST",
        headers: FORM,
        body: formBody(fields),
      });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe("invalid_client");
      expect(res.body.error_description).toEqual(expect.any(String));
    }
    const basic = Buffer.from(`${user.clientId}:nope`).toString("base64");
    const res = await call<{ error: string }>(sim, "/oauth2/token", {
      method: "POST",
      headers: { ...FORM, authorization: `Basic ${basic}` },
      body: "grant_type=client_credentials",
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
  });

  it("refuses a missing or unsupported grant type and malformed requests with 400", async () => {
    const user = curator(sim);
    const creds = { client_id: user.clientId, client_secret: user.clientSecret };
    const post = (body: string, headers: Record<string, string> = FORM) =>
      call<{ error: string; error_description: string }>(sim, "/oauth2/token", { method: "POST", headers, body });

    let res = await post(formBody(creds));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");

    res = await post(formBody({ grant_type: "password", ...creds }));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("unsupported_grant_type");
    expect(res.body.error_description).toEqual(expect.any(String));

    res = await post(JSON.stringify({ grant_type: "client_credentials", ...creds }), {
      "content-type": "application/json",
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");

    const basic = Buffer.from(`${user.clientId}:${user.clientSecret}`).toString("base64");
    res = await post(formBody({ grant_type: "client_credentials", ...creds }), {
      ...FORM,
      authorization: `Basic ${basic}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
  });

  it("answers 401 with the ASP.NET message without a valid bearer token", async () => {
    for (const authorization of [undefined, "Bearer not-a-token", "Basic abc", "Bearer"]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      for (const path of [
        "/v3/jobs",
        "/v3/jobs/000000000000000000000000",
        "/v3/jobs/000000000000000000000000/messages",
        `/v3/workflows/${sim.workflows[0]?.id}/jobs`,
      ]) {
        const res = await call(sim, path, { headers });
        expect(res.status, `${path} with ${authorization}`).toBe(401);
        expect(res.body).toEqual(DENIED);
      }
    }
    const del = await call(sim, "/v3/jobs/000000000000000000000000", { method: "DELETE" });
    expect(del.status).toBe(401);
    const post = await call(sim, `/v3/workflows/${sim.workflows[0]?.id}/jobs`, { method: "POST" });
    expect(post.status).toBe(401);
  });
});

describe("simulator: token expiry", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await start({ jobs: 10, timeScale: 36_000 });
  });
  afterAll(() => sim.close());

  it("expires tokens after expires_in seconds (3600 / time scale, at least 1)", async () => {
    const user = curator(sim);
    const res = await call<{ access_token: string; expires_in: number }>(sim, "/oauth2/token", {
      method: "POST",
      headers: FORM,
      body: formBody({ grant_type: "client_credentials", client_id: user.clientId, client_secret: user.clientSecret }),
    });
    expect(res.body.expires_in).toBe(1);
    const token = res.body.access_token;
    expect((await get(sim, "/v3/jobs?limit=1", token)).status).toBe(200);
    const expired = await eventually(
      async () => {
        const answer = await get(sim, "/v3/jobs?limit=1", token);
        return answer.status === 401 ? answer : undefined;
      },
      3_000,
      50,
    );
    expect(expired.body).toEqual(DENIED);
    // The tokens startSimulator hands out do not expire.
    expect((await get(sim, "/v3/jobs?limit=1", user.token)).status).toBe(200);
  });
});
