/** Vitest global setup: one Prism mock for the whole run, its URL handed to the tests with inject("mockUrl"). */
import { writeFileSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startPrism } from "../../cli/src/conformance/prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const prism = await startPrism();
  project.provide("mockUrl", prism.url);
  // Lets the orphan test find this run's Prism.
  if (process.env.PRISM_INFO_FILE)
    writeFileSync(process.env.PRISM_INFO_FILE, JSON.stringify({ url: prism.url, pid: prism.pid }));
  return () => prism.stop();
}
