import { afterEach, describe, expect, it, vi } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";

const SECRET = "top-secret-value";

/** A server with a token endpoint that issues numbered tokens living `expiresIn` seconds. */
function tokenServer(expiresIn = 3600, { expired = new Set<string>() } = {}) {
  let issued = 0;
  const fake = fakeFetch((req) => {
    if (req.url.pathname.endsWith("/oauth2/token"))
      return json({ access_token: `tok-${++issued}`, token_type: "bearer", expires_in: expiresIn });
    const token = req.headers.get("authorization")?.replace("Bearer ", "") ?? "";
    if (!token || expired.has(token)) return json({ message: "Authorization has been denied for this request." }, 401);
    return json(job("j1"));
  });
  const tokenCalls = () => fake.sent.filter((r) => r.url.pathname.endsWith("/oauth2/token"));
  return { ...fake, tokenCalls, expired };
}

afterEach(() => vi.useRealTimers());

describe("client credentials", () => {
  it("posts the form to /oauth2/token and caches the token", async () => {
    const server = tokenServer();
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET },
      fetch: server.fetch,
    });
    await ayx.getJob("j1");
    await ayx.getJob("j1");
    expect(server.tokenCalls()).toHaveLength(1);
    const tokenRequest = server.tokenCalls()[0]!;
    expect(tokenRequest.method).toBe("POST");
    expect(tokenRequest.url.href).toBe(`${BASE}/oauth2/token`);
    expect(tokenRequest.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
      grant_type: "client_credentials",
      client_id: "key",
      client_secret: SECRET,
    });
    expect(tokenRequest.headers.has("authorization")).toBe(false);
    expect(
      server.sent.filter((r) => r.url.pathname.endsWith("/j1")).map((r) => r.headers.get("authorization")),
    ).toEqual(["Bearer tok-1", "Bearer tok-1"]);
  });

  it("can send the credentials with HTTP Basic instead", async () => {
    const server = tokenServer();
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET, sendCredentials: "basic" },
      fetch: server.fetch,
    });
    await ayx.getJob("j1");
    const tokenRequest = server.tokenCalls()[0]!;
    expect(tokenRequest.headers.get("authorization")).toBe(`Basic ${btoa(`key:${SECRET}`)}`);
    expect(tokenRequest.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(tokenRequest.body).toBe("grant_type=client_credentials");
  });

  it("refreshes the token shortly before expires_in runs out", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-10-01T00:00:00Z"));
    const server = tokenServer(3600);
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET },
      fetch: server.fetch,
    });
    expect(await ayx.getToken()).toBe("tok-1");
    vi.setSystemTime(new Date("2025-10-01T00:58:00Z")); // 58 minutes: still fresh
    expect(await ayx.getToken()).toBe("tok-1");
    vi.setSystemTime(new Date("2025-10-01T00:59:30Z")); // inside the last minute: renewed before it expires
    expect(await ayx.getToken()).toBe("tok-2");
    expect(server.tokenCalls()).toHaveLength(2);
  });

  it("shares one token request among 10 concurrent calls", async () => {
    const server = tokenServer();
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET },
      fetch: server.fetch,
    });
    const jobs = await Promise.all(Array.from({ length: 10 }, () => ayx.getJob("j1")));
    expect(jobs).toHaveLength(10);
    expect(server.tokenCalls()).toHaveLength(1);
  });

  it("after a 401 fetches a new token and retries the call once", async () => {
    const server = tokenServer();
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET },
      fetch: server.fetch,
    });
    await ayx.getJob("j1");
    server.expired.add("tok-1"); // the server revokes the token mid-run
    await expect(ayx.getJob("j1")).resolves.toMatchObject({ id: "j1" });
    expect(server.tokenCalls()).toHaveLength(2);
    const calls = server.sent.filter((r) => r.url.pathname.endsWith("/j1")).map((r) => r.headers.get("authorization"));
    expect(calls).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  it("10 concurrent calls that all get 401 renew the token once", async () => {
    const server = tokenServer();
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET },
      fetch: server.fetch,
    });
    await ayx.getToken();
    server.expired.add("tok-1");
    await Promise.all(Array.from({ length: 10 }, () => ayx.getJob("j1")));
    expect(server.tokenCalls()).toHaveLength(2);
  });

  it("retries a 401 only once, then reports it", async () => {
    const server = tokenServer();
    for (let i = 1; i <= 5; i++) server.expired.add(`tok-${i}`);
    const ayx = createJobsClient({
      baseUrl: BASE,
      auth: { clientId: "key", clientSecret: SECRET },
      fetch: server.fetch,
    });
    await expect(ayx.getJob("j1")).rejects.toMatchObject({
      kind: "http",
      status: 401,
      serverMessage: "Authorization has been denied for this request.",
    });
    expect(server.tokenCalls()).toHaveLength(2);
    expect(server.sent.filter((r) => r.url.pathname.endsWith("/j1"))).toHaveLength(2);
  });

  it("reports wrong credentials with the OAuth2 error_description", async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: "invalid_client", error_description: "The client credentials are invalid." }, 401),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { clientId: "key", clientSecret: SECRET }, fetch });
    const error = await ayx.getJob("j1").catch((e) => e);
    expect(error).toMatchObject({
      kind: "http",
      status: 401,
      operationId: "requestToken",
      serverMessage: "The client credentials are invalid.",
    });
    expect(error.message).toContain("requestToken (POST /oauth2/token) failed with 401");
  });
});

describe("token given by the caller", () => {
  it("sends a static token and does not retry a 401", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "Authorization has been denied for this request." }, 401));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "static-token" }, fetch });
    await expect(ayx.getJob("j1")).rejects.toMatchObject({ status: 401 });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer static-token");
  });

  it("calls a token function per request and again after a 401", async () => {
    let n = 0;
    const tokenFn = vi.fn(async () => `fn-${++n}`);
    const { fetch, sent } = fakeFetch((req) =>
      req.headers.get("authorization") === "Bearer fn-1" ? json({ message: "expired" }, 401) : json(job("j1")),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: tokenFn }, fetch });
    await expect(ayx.getJob("j1")).resolves.toMatchObject({ id: "j1" });
    expect(sent.map((r) => r.headers.get("authorization"))).toEqual(["Bearer fn-1", "Bearer fn-2"]);
    expect(tokenFn).toHaveBeenCalledTimes(2);
  });

  it("sends no Authorization header when the token is empty", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "Authorization has been denied for this request." }, 401));
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "" }, fetch });
    await expect(ayx.listJobs()).rejects.toMatchObject({ status: 401 });
    expect(sent[0]!.headers.has("authorization")).toBe(false);
  });
});
