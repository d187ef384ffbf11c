/**
 * No secret ever shows: one run with failures of every kind against a careless server that echoes what it got
 * (the Authorization header, the token request's form body) into its error pages. Every error, every `debug`
 * line and all console output of that run must be free of the client secret and the token, in any form a
 * reader could use: as is, URL-encoded, form-encoded, inside Basic credentials, or a piece of one.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createJobsClient, JobsApiError, type JobsClientOptions } from "../../src/index.js";
import { responseValidator } from "../../src/validate.js";
import {
  type HostileCase,
  type HostileServers,
  job,
  JOB_ID,
  type RouteContext,
  startHostileServers,
} from "./hostile-server.js";
import { everythingShown, guard, watchUnhandledRejections } from "./support.js";

const CLIENT_ID = "careless-key";
/** Characters that change under URL, form and Base64 encoding. */
const SECRET = "sEc/Zq7+Wm2=Xk9 Ht&ü4Rf";
const TOKEN = "tkn.Pv4Nc8Ry3Lq0Xw7Bz5Jd";

/** Every form in which the secret or the token could be read back. */
const FORMS = [
  SECRET,
  TOKEN,
  encodeURIComponent(SECRET),
  new URLSearchParams({ s: SECRET }).toString().slice(2),
  btoa(`${CLIENT_ID}:${SECRET}`),
];
/** Pieces: any 8 characters in a row of the secret or the token. */
const PIECES = [SECRET, TOKEN].flatMap((s) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8)));

function leaks(text: string): string[] {
  return [...FORMS, ...PIECES].filter((f) => text.includes(f));
}

/** What a careless server echoes: the credentials it received. */
const echo = ({ req, body }: RouteContext) =>
  `Authorization: ${req.headers.authorization ?? "(none)"}; body: ${body || "(none)"}; ` +
  `token ${TOKEN}; secret ${SECRET}`;
const send = (ctx: RouteContext, status: number, type: string, text: string) => {
  ctx.res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
  ctx.res.end(text);
};
const tokenJson = JSON.stringify({ access_token: TOKEN, token_type: "bearer", expires_in: 3600 });
const issue = (ctx: RouteContext) => send(ctx, 200, "application/json", tokenJson);
const pad = (n: number) => "x".repeat(n);

type SecretCase = HostileCase & { kind: string; clientOptions?: Partial<JobsClientOptions> };
const c = (id: string, kind: string, rest: Partial<SecretCase>): SecretCase => ({
  id,
  kind,
  fault: id,
  server: "",
  client: "",
  callText: "getJob",
  call: (cl) => cl.getJob(JOB_ID),
  token: issue,
  expected: { outcome: "rejects", kind: kind as never, message: /./ },
  ...rest,
});

const cases: SecretCase[] = [
  c("http-400", "http", {
    respond: (ctx) =>
      send(
        ctx,
        400,
        "application/json",
        JSON.stringify({ message: echo(ctx), modelState: { auth: [ctx.req.headers.authorization] } }),
      ),
  }),
  c("http-401", "http", {
    respond: (ctx) => send(ctx, 401, "application/json", JSON.stringify({ message: `Token expired: ${echo(ctx)}` })),
  }),
  c("http-500-html", "http", {
    respond: (ctx) =>
      send(
        ctx,
        500,
        "text/html",
        `<html><head><title>Error ${ctx.req.headers.authorization}</title></head><body>${echo(ctx)}</body></html>`,
      ),
  }),
  // The token straddles the 2,000-character cut of the error's body and the 200-character cut of serverMessage.
  c("http-500-cut", "http", { respond: (ctx) => send(ctx, 500, "text/plain", `${pad(1990)}${TOKEN}${pad(50)}`) }),
  c("http-503-text-cut", "http", { respond: (ctx) => send(ctx, 503, "text/plain", `${pad(195)}${TOKEN}`) }),
  c("network-reset", "network", {
    respond: (ctx) => {
      ctx.res.writeHead(200, { "content-type": "application/json", "content-length": 10_000 });
      ctx.res.write(`{"echo": "${echo(ctx)}`);
      setTimeout(() => ctx.socket.resetAndDestroy(), 20);
    },
  }),
  c("network-refused", "network", { target: "refused" }),
  c("timeout", "timeout", { respond: () => undefined }),
  c("invalid-html", "invalid-response", { respond: (ctx) => send(ctx, 200, "text/html", `<p>${echo(ctx)}</p>`) }),
  c("invalid-html-cut", "invalid-response", { respond: (ctx) => send(ctx, 200, "text/html", `${pad(190)}${TOKEN}`) }),
  c("invalid-json", "invalid-response", {
    respond: (ctx) => send(ctx, 200, "application/json", `{"id": "j1", "echo": "${TOKEN}" "x": ${SECRET}}`),
  }),
  c("invalid-schema", "invalid-response", {
    callText: "listJobs",
    call: (cl) => cl.listJobs(),
    respond: (ctx) => send(ctx, 200, "application/json", JSON.stringify({ data: null, echo: echo(ctx) })),
  }),
  c("invalid-validated", "invalid-response", {
    clientOptions: { validateResponses: responseValidator() },
    respond: (ctx) =>
      send(ctx, 200, "application/json", JSON.stringify({ ...job(JOB_ID), workerTag: 7, echo: echo(ctx) })),
  }),
  c("token-refused-form", "http", {
    token: (ctx) =>
      send(
        ctx,
        400,
        "application/json",
        JSON.stringify({ error: "invalid_client", error_description: `Bad credentials in ${ctx.body}` }),
      ),
  }),
  c("token-refused-basic", "http", {
    clientOptions: { auth: { clientId: CLIENT_ID, clientSecret: SECRET, sendCredentials: "basic" } },
    token: (ctx) =>
      send(
        ctx,
        401,
        "application/json",
        JSON.stringify({
          error: "invalid_client",
          error_description: `Rejected ${ctx.req.headers.authorization?.replace(/^Basic /, "")}`,
        }),
      ),
  }),
  c("token-as-html", "invalid-response", { token: (ctx) => send(ctx, 200, "text/html", tokenJson) }),
  c("token-cut-short", "invalid-response", {
    token: (ctx) => send(ctx, 200, "application/json", tokenJson.slice(0, 40)),
  }),
  c("token-schema", "invalid-response", {
    clientOptions: { validateResponses: responseValidator() },
    token: (ctx) => send(ctx, 200, "application/json", JSON.stringify({ access_token: TOKEN, expires_in: "never" })),
  }),
];

const rejections = watchUnhandledRejections();
let servers: HostileServers;
const errors: { id: string; error: unknown }[] = [];
const debugLines: string[] = [];
const consoleOutput: string[] = [];

beforeAll(async () => {
  servers = await startHostileServers(cases);
  // Everything the client might print goes through console; collect it instead of printing.
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) =>
        void consoleOutput.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10 }))).join(" ")),
    );
  }
  await Promise.all(
    cases.map(async (sc) => {
      const ayx = createJobsClient({
        baseUrl: servers.baseUrlFor(sc),
        auth: { clientId: CLIENT_ID, clientSecret: SECRET },
        // Generous: some 18 calls run at once, and a loaded 2-core machine must not turn an answer into a timeout.
        timeoutMs: 3_000,
        retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 20 },
        debug: (line) => debugLines.push(line),
        ...sc.clientOptions,
      });
      const error = await guard(
        sc.call(ayx).then(
          () => new Error(`${sc.id} resolved`),
          (e: unknown) => e,
        ),
        10_000,
        sc.id,
      );
      errors.push({ id: sc.id, error });
    }),
  );
});

afterAll(async () => {
  vi.restoreAllMocks();
  await servers?.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  rejections.stop();
  expect(rejections.seen.map((r) => inspect(r))).toEqual([]);
});

describe("a run with failures of every kind", () => {
  it("produced a JobsApiError of the expected kind for each case", () => {
    const kinds = Object.fromEntries(
      errors.map(({ id, error }) => [id, error instanceof JobsApiError ? error.kind : inspect(error)]),
    );
    expect(kinds).toEqual(Object.fromEntries(cases.map((sc) => [sc.id, sc.kind])));
    expect(new Set(Object.values(kinds))).toEqual(new Set(["http", "network", "timeout", "invalid-response"]));
  });

  it("the careless server did receive the credentials it echoes (so the test means something)", () => {
    expect(servers.state("http-400").authorizations).toContain(`Bearer ${TOKEN}`);
    expect(servers.state("http-400").tokenRequests).toBe(1);
  });

  it.each(cases.map((sc) => sc.id))("%s: the error shows no secret, in any form, anywhere", (id) => {
    const { error } = errors.find((e) => e.id === id)!;
    expect(leaks(everythingShown(error))).toEqual([]);
  });

  it("the errors still say what the server said, with the secrets redacted", () => {
    const byId = (id: string) => errors.find((e) => e.id === id)!.error as JobsApiError;
    expect(byId("http-400").serverMessage).toMatch(
      /^Authorization: Bearer \[redacted\]; body: \(none\); token \[redacted\]; secret \[redacted\]$/,
    );
    expect(byId("token-refused-form").serverMessage).toMatch(
      /^Bad credentials in grant_type=client_credentials&client_id=careless-key&client_secret=\[redacted\]$/,
    );
    expect(byId("token-refused-basic").serverMessage).toBe("Rejected [redacted]");
    expect(byId("token-as-html").message).toContain('"access_token":"[redacted]"');
  });

  it("no debug line shows a secret", () => {
    expect(debugLines.length).toBeGreaterThan(cases.length);
    expect(leaks(debugLines.join("\n"))).toEqual([]);
  });

  it("nothing printed to the console shows a secret", () => {
    expect(leaks(consoleOutput.join("\n"))).toEqual([]);
  });
});
