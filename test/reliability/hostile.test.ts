/**
 * The client against a real, hostile HTTP server on loopback: every case of the table in hostile-server.ts.
 * Each call must settle with the right outcome within its time limits, leak no secret, and leave no
 * unhandled rejection behind.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, test } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import {
  CASE_CLIENT_OPTIONS,
  CLIENT_ID,
  FIFTY_MIB,
  type HostileCase,
  type HostileServers,
  hostileCases,
  SECRET,
  startHostileServers,
  TOKEN,
} from "./hostile-server.js";
import { callContextProblems } from "../support/shown.js";
import { everythingShown, guard, settle, watchUnhandledRejections } from "./support.js";

const rejections = watchUnhandledRejections();
let servers: HostileServers;
const debugLines: string[] = [];

beforeAll(async () => {
  servers = await startHostileServers();
});

afterAll(async () => {
  await servers?.close();
  // Give any stray rejection a chance to surface before looking.
  await new Promise((resolve) => setTimeout(resolve, 50));
  rejections.stop();
  expect(rejections.seen.map((r) => inspect(r))).toEqual([]);
});

/** The first error in the `cause` chain with this name. */
function causeNamed(error: unknown, name: string): (Error & { code?: string }) | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e.name === name) return e;
  return undefined;
}

const clientFor = (c: HostileCase) =>
  createJobsClient({
    baseUrl: servers.baseUrlFor(c),
    auth: { clientId: CLIENT_ID, clientSecret: SECRET },
    ...CASE_CLIENT_OPTIONS,
    ...c.options,
    debug: (line) => debugLines.push(line),
  });

describe.concurrent("the client against a hostile server", () => {
  test.for(hostileCases.map((c) => [c.id, c] as const))("%s", async ([, c], { expect }) => {
    const outcome = await guard(settle(c.call(clientFor(c))), 10_000, c.id);
    const state = servers.state(c.id);
    const expected = c.expected;

    if (expected.outcome === "resolves") {
      expect(outcome.ok, outcome.ok ? "" : everythingShown(outcome.error)).toBe(true);
    } else {
      expect(outcome.ok).toBe(false);
      const error = (outcome as { error: unknown }).error;
      expect(error, everythingShown(error)).toBeInstanceOf(JobsApiError);
      const e = error as JobsApiError;
      expect(e.kind, e.message).toBe(expected.kind);
      if (expected.status !== undefined) expect(e.status).toBe(expected.status);
      if (expected.serverMessage !== undefined) expect(e.serverMessage).toBe(expected.serverMessage);
      expect(e.operationId).toBe(expected.operationId ?? c.callText);
      expect(e.message).toMatch(expected.message);
      if (expected.causeName) {
        const cause = causeNamed(e, expected.causeName);
        expect(cause, `a ${expected.causeName} in the cause chain of: ${everythingShown(e)}`).toBeDefined();
        expect(e.message).toContain(`(${cause!.code ?? cause!.message})`);
      }
      // Readable: it starts with the operation and the real request, and it is one line of prose, not a dump.
      expect(callContextProblems(e)).toEqual([]);
      expect(e.message.length).toBeLessThan(600);
      // No secret anywhere: message, stack, JSON, inspect, cause chain.
      const shown = everythingShown(e);
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(TOKEN);
    }

    if (expected.attempts !== undefined) expect(state.attempts).toBe(expected.attempts);
    // Retries stay within what was configured.
    const retries = (c.options?.retry as { retries?: number } | undefined)?.retries ?? CASE_CLIENT_OPTIONS.retry.retries;
    expect(state.attempts).toBeLessThanOrEqual(retries + 1 + (c.id.startsWith("redirect") ? 5 : 0) + (c.id === "401-always" ? 1 : 0));
  });
});

describe("details of some cases", () => {
  it("the cross-origin redirect target never received the token (the client did not go there at all)", () => {
    expect(servers.state("redirect-cross-origin").attempts).toBe(1);
    expect(servers.otherRequests.filter((r) => r.url.includes("redirect-cross-origin"))).toEqual([]);
    expect(servers.otherRequests.map((r) => r.authorization).filter(Boolean)).toEqual([]);
  });

  it("the same-origin redirect was followed with the token", () => {
    expect(servers.state("redirect-same-origin").authorizations).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it("a 401 on every request fetched exactly one new token", () => {
    expect(servers.state("401-always").tokenRequests).toBe(2);
  });

  it("the token endpoint's refusal sent no API request", () => {
    expect(servers.state("token-refused")).toMatchObject({ attempts: 0, tokenRequests: 1 });
  });

  it.each(["huge-content-length", "huge-chunked"])("%s: the client stopped the 50 MiB stream long before its end", (id) => {
    expect(servers.state(id).bytesSent).toBeGreaterThan(0);
    expect(servers.state(id).bytesSent).toBeLessThan(FIFTY_MIB);
  });

  it("no debug line shows a secret", () => {
    expect(debugLines.length).toBeGreaterThan(0);
    expect(debugLines.join("\n")).not.toContain(SECRET);
    expect(debugLines.join("\n")).not.toContain(TOKEN);
  });
});
