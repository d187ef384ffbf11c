/**
 * The claim checks read the spec's claims from constants; these keep them in step with the bundled spec, and the
 * contract with the evidence ledger (every check has a verdict in every report, profile questions are quirks).
 */
import { describe, expect, it } from "vitest";
import { CLAIM_CHECKS, PROFILE_QUESTIONS } from "../../cli/src/conformance/claim-checks.js";
import {
  FORMAT_MEDIA_TYPES,
  SPEC_DISPOSITIONS,
  UNFINISHED_DISPOSITIONS,
} from "../../cli/src/conformance/claim-probes.js";
import { noneChecked, scenarioVerdict } from "../../cli/src/conformance/claims.js";
import spec from "../../generated/openapi.json" with { type: "json" };
import { QUIRK_NAMES } from "../../simulator/src/index.js";

describe("the claim checks and the spec", () => {
  it("the dispositions a check accepts are the ones JobDisposition lists", () => {
    const schema = spec.components.schemas.JobDisposition as { examples: string[]; description: string };
    expect([...schema.examples].sort()).toEqual([...SPEC_DISPOSITIONS, ...UNFINISHED_DISPOSITIONS].sort());
    for (const value of SPEC_DISPOSITIONS) expect(schema.description).toContain(`\`${value}\``);
  });

  it("the media types a check expects are the ones the download's 200 declares", () => {
    const ok = spec.paths["/v1/jobs/{jobId}/output/{outputId}"].get.responses["200"] as { content: object };
    expect(Object.keys(ok.content).sort()).toEqual(
      [...Object.values(FORMAT_MEDIA_TYPES), "application/octet-stream"].sort(),
    );
  });

  it("every profile question is a simulator quirk, and every report names every check", () => {
    for (const name of PROFILE_QUESTIONS) expect(QUIRK_NAMES).toContain(name);
    expect(Object.keys(CLAIM_CHECKS).slice(0, PROFILE_QUESTIONS.length)).toEqual([...PROFILE_QUESTIONS]);
    expect(Object.keys(noneChecked("why"))).toEqual(Object.keys(CLAIM_CHECKS));
  });

  it("a scenario's claim: passed confirms; its own failed check refutes; a skip or any other failure checks nothing", () => {
    const name = "paging covers the jobs exactly once (a bounded window on large servers)";
    const short = "paging covers the jobs exactly once";
    const verdict = (result: object) => scenarioVerdict("paging", [{ name, ...result } as never]);
    expect(verdict({ outcome: "passed" })).toEqual({
      verdict: "confirmed",
      evidence: `the scenario "${short}" passed`,
    });
    expect(verdict({ outcome: "failed", reason: "x; y", failedCheck: "job 7 came twice" })).toEqual({
      verdict: "refuted",
      evidence: `the scenario "${short}" failed: job 7 came twice`,
    });
    expect(verdict({ outcome: "failed", reason: "the answer breaks the spec: z" }).verdict).toBe("not checked");
    expect(verdict({ outcome: "skipped", reason: "needs a Curator's key" }).verdict).toBe("not checked");
    expect(scenarioVerdict("paging", []).verdict).toBe("not checked");
  });
});
