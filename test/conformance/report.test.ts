/** The conformance run's small parts on their own: Prism's violation formats, exit codes, JUnit escaping. */
import { describe, expect, it } from "vitest";
import { noneChecked } from "../../cli/src/conformance/claims.js";
import {
  type ConformanceRun,
  PROFILE_QUESTIONS,
  exitCodeOf,
  formatText,
  parseSlViolations,
  prismViolations,
  toJUnit,
  toJson,
} from "../../cli/src/conformance/index.js";

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
    const profile = Object.fromEntries(
      PROFILE_QUESTIONS.map((n) => [n, "unknown"]),
    ) as ConformanceRun["report"]["profile"];
    const report = {
      target: "http://x/webapi",
      startedAt: "2026-01-01T00:00:00.000Z",
      scenarios: [],
      violations: [],
      profile,
      claims: noneChecked("not run"),
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

  describe("the claims section", () => {
    const refuted = {
      verdict: "refuted",
      answer: "repeated parameter",
      evidence: "GET /v3/jobs?priorities=Low,High → 400; GET /v3/jobs?priorities=Low&priorities=High → 200: 9 jobs",
    } as const;
    const claims = {
      ...noneChecked("needs a Curator's key"),
      multiValue: refuted,
      dispositions: { verdict: "confirmed", answer: '"Success" 3', evidence: "the 3 jobs read" },
      messages: { verdict: "confirmed", answer: "array", evidence: "GET /v3/jobs/1/messages → 200" },
    } as const;
    const withClaims = run({ claims });

    it("text: a verdict per check, the requests of a refutation, why a check was not run, and a tally", () => {
      const text = formatText(withClaims);
      expect(text).toContain(
        "Claims the spec infers (confirmed: the server does as the spec reads; refuted: it does not)\n" +
          "  confirmed    messages: array\n" +
          "  not checked  completedAfter\n      why: needs a Curator's key\n",
      );
      expect(text).toContain(
        "  refuted      multiValue: repeated parameter\n" +
          "      shown by: GET /v3/jobs?priorities=Low,High → 400; " +
          "GET /v3/jobs?priorities=Low&priorities=High → 200: 9 jobs\n" +
          '  confirmed    dispositions: "Success" 3\n      shown by: the 3 jobs read\n',
      );
      expect(text).toContain("  2 confirmed, 1 refuted, 14 not checked\n");
    });

    it("JSON: every check with its verdict, answer and evidence", () => {
      const json = JSON.parse(toJson(withClaims));
      expect(json.claims.multiValue).toEqual(refuted);
      expect(json.claims.cancelBody).toEqual({ verdict: "not checked", evidence: "needs a Curator's key" });
      expect(Object.keys(json.claims)).toHaveLength(17);
    });

    it("JUnit: a suite of the claims (refuted ones pass, with their evidence) and a property per claim", () => {
      const xml = toJUnit(withClaims);
      expect(xml).toContain('<property name="claim.multiValue" value="refuted"/>');
      expect(xml).toContain('<testsuite name="claims the spec infers" tests="17" failures="0" errors="0" skipped="14"');
      expect(xml).toContain(
        '<testcase classname="conformance.claims" name="multiValue: refuted">\n' +
          "      <system-out>repeated parameter: GET /v3/jobs?priorities=Low,High → 400; " +
          "GET /v3/jobs?priorities=Low&amp;priorities=High → 200: 9 jobs</system-out>",
      );
      expect(xml).toContain(
        '<testcase classname="conformance.claims" name="cancelBody: not checked">\n' +
          `      <skipped message="needs a Curator's key"/>`,
      );
      // A run that stopped claims nothing: no suite of claims, only their properties.
      expect(toJUnit(run({ stopped: "could not reach" }))).not.toContain("claims the spec infers");
    });
  });
});
