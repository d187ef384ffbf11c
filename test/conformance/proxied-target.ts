/** A target behind `prism proxy --errors`: every request and response on the way is checked against the spec. */
import { appendFileSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { type PrismHandle, startPrism } from "../../scripts/lib/prism.js";
import type { Target, Violation } from "./scenarios.js";

export interface Upstream extends Omit<Target, "baseUrl"> {
  /** The server's API root, ending in /webapi. */
  upstreamUrl: string;
}

/** Starts the upstream and Prism in beforeAll, stops them in afterAll; the getter is for the scenarios. */
export function proxiedTarget(startUpstream: () => Promise<Upstream & { close?: () => Promise<void> }>): () => Target {
  let prism: PrismHandle | undefined;
  let upstream: (Upstream & { close?: () => Promise<void> }) | undefined;
  beforeAll(async () => {
    upstream = await startUpstream();
    prism = await startPrism({ upstream: upstream.upstreamUrl });
  }, 60_000);
  afterAll(async () => {
    await prism?.stop();
    await upstream?.close?.();
  });
  const report = process.env.CONFORMANCE_VIOLATIONS_FILE;
  const onViolations = (violations: Violation[]) => {
    if (report) for (const v of violations) appendFileSync(report, `${JSON.stringify(v)}\n`);
  };
  return () => {
    if (!upstream || !prism) throw new Error("the target is not started yet");
    // Prism proxy serves the spec's paths at its root and forwards them below the upstream's /webapi.
    return { ...upstream, baseUrl: prism.url, onViolations };
  };
}
