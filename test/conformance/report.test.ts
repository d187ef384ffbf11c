/** The conformance run's small parts on their own: Prism's violation formats, exit codes, JUnit escaping. */
import { describe, expect, it } from "vitest";
import {
  type ConformanceRun,
  exitCodeOf,
  parseSlViolations,
  prismViolations,
  toJUnit,
} from "../../cli/src/conformance/index.js";
import { QUIRK_NAMES } from "../../simulator/src/index.js";

describe("Prism's violations", () => {
  it("reads the sl-violations header, and keeps a header that is not JSON as one violation", () => {
    const header = JSON.stringify([{ location: ["request", "query", "limit"], message: "must be >= 1" }]);
    expect(parseSlViolations("GET /v3/jobs", header)).toEqual([
      { request: "GET /v3/jobs", location: "request.query.limit", message: "must be >= 1" },
    ]);
    expect(parseSlViolations("GET /v3/jobs", "not json")).toEqual([
      { request: "GET /v3/jobs", location: "", message: "not json" },
    ]);
    expect(parseSlViolations("GET /v3/jobs", null)).toEqual([]);
  });

  it("reads a problem body's validation list, only from Prism's 422/500 problems", async () => {
    const problem = (status: number, type: string) =>
      new Response(JSON.stringify({ validation: [{ location: ["response", "body"], message: "must be object" }] }), {
        status,
        headers: { "content-type": type },
      });
    expect(await prismViolations("DELETE /v3/jobs/1", problem(500, "application/problem+json"))).toEqual([
      { request: "DELETE /v3/jobs/1", location: "response.body", message: "must be object" },
    ]);
    // A server's own 500, or a problem with another status, is not Prism's verdict.
    expect(await prismViolations("GET /", problem(500, "application/json"))).toEqual([]);
    expect(await prismViolations("GET /", problem(404, "application/problem+json"))).toEqual([]);
  });
});

describe("reports", () => {
  const run = (over: Partial<ConformanceRun["report"]>): ConformanceRun => {
    const profile = Object.fromEntries(QUIRK_NAMES.map((n) => [n, "unknown"])) as ConformanceRun["report"]["profile"];
    const report = {
      target: "http://x/webapi",
      startedAt: "2026-01-01T00:00:00.000Z",
      scenarios: [],
      violations: [],
      profile,
      ...over,
    };
    return { exitCode: exitCodeOf(report), report, profile: undefined, role: undefined };
  };

  it("exit codes: 0 when nothing failed (skips included), 1 for a failure or a violation, 2 when stopped", () => {
    expect(run({ scenarios: [{ name: "a", outcome: "skipped", reason: "r" }] }).exitCode).toBe(0);
    expect(run({ scenarios: [{ name: "a", outcome: "failed", reason: "r" }] }).exitCode).toBe(1);
    expect(run({ violations: [{ request: "GET /", location: "response", message: "m" }] }).exitCode).toBe(1);
    expect(run({ stopped: "could not reach" }).exitCode).toBe(2);
  });

  it("JUnit XML escapes what a server wrote, control characters included", () => {
    const xml = toJUnit(
      run({ scenarios: [{ name: 'a <b> & "c"', outcome: "failed", reason: "x\u0001y </failure>" }] }),
    );
    expect(xml).toContain('<testcase classname="conformance" name="a &lt;b&gt; &amp; &quot;c&quot;">');
    expect(xml).toContain('<failure message="xy &lt;/failure&gt;"/>');
    expect(xml).toContain('tests="2" failures="1" errors="0" skipped="0"');
  });
});
