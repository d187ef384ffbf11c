/** The conformance scenarios against the Prism mock started by the global setup. */
import { inject } from "vitest";
import { conformanceScenarios } from "./scenarios.js";

conformanceScenarios(() => ({
  name: "mock",
  baseUrl: inject("mockUrl"), // Prism serves the spec's paths at its root, without /webapi
  credentials: { clientId: "any-key", clientSecret: "any-secret" },
  prefer: true,
  stateful: false,
  writes: false,
}));
