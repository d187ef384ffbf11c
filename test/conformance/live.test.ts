/**
 * The conformance scenarios against a live Alteryx Server, behind `prism proxy --errors`, when
 * ALTERYX_BASE_URL, ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET are set. Read-only unless
 * ALTERYX_ALLOW_WRITES=1 (then it queues runs of ALTERYX_WORKFLOW_ID and cancels only those).
 */
import { describe, it } from "vitest";
import { proxiedTarget } from "./proxied-target.js";
import { conformanceScenarios } from "./scenarios.js";

const env = process.env;
const configured = Boolean(env.ALTERYX_BASE_URL && env.ALTERYX_CLIENT_ID && env.ALTERYX_CLIENT_SECRET);
const writes = env.ALTERYX_ALLOW_WRITES === "1" && Boolean(env.ALTERYX_WORKFLOW_ID);

if (configured) {
  const target = proxiedTarget(async () => ({
    name: "live",
    upstreamUrl: env.ALTERYX_BASE_URL!.replace(/\/+$/, ""),
    credentials: { clientId: env.ALTERYX_CLIENT_ID!, clientSecret: env.ALTERYX_CLIENT_SECRET! },
    prefer: false,
    stateful: true,
    writes,
    workflowId: env.ALTERYX_WORKFLOW_ID,
    waitTimeoutMs: 15 * 60_000,
  }));
  conformanceScenarios(target, { prefer: false, stateful: true, writes });
} else {
  describe("live server", () => {
    it.skip("set ALTERYX_BASE_URL, ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET to run the scenarios against your server", () => {});
  });
}
