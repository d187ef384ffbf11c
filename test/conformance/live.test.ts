/**
 * The conformance run against a live Alteryx Server when ALTERYX_BASE_URL, ALTERYX_CLIENT_ID and
 * ALTERYX_CLIENT_SECRET are set (the same run as `npm run conformance`; writes only with ALTERYX_ALLOW_WRITES=1).
 */
import { describe, expect, it } from "vitest";
import { formatText, runConformance } from "../../cli/src/conformance/index.js";

const env = process.env;
const configured = Boolean(env.ALTERYX_BASE_URL && env.ALTERYX_CLIENT_ID && env.ALTERYX_CLIENT_SECRET);
const why = configured ? "" : " (skipped: set ALTERYX_BASE_URL, ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET)";

describe("a live server", () => {
  it.skipIf(!configured)(
    `passes the conformance run${why}`,
    async () => {
      const run = await runConformance({
        target: env.ALTERYX_BASE_URL!,
        credentials: { clientId: env.ALTERYX_CLIENT_ID!, clientSecret: env.ALTERYX_CLIENT_SECRET! },
        allowWrites: env.ALTERYX_ALLOW_WRITES === "1",
        workflowId: env.ALTERYX_WORKFLOW_ID || undefined,
      });
      expect(run.exitCode, formatText(run)).toBe(0);
    },
    30 * 60_000,
  );
});
