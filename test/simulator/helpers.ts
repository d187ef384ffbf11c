/** Shared helpers for the simulator tests: plain fetch against a started simulator. */
import { describeViolations, parseSlViolations } from "../../cli/src/conformance/violations.js";
import {
  FIXED_START,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
  type SimulatorUser,
} from "../../simulator/src/index.js";
import type { components } from "../../generated/schema.js";

export type JobSummary = components["schemas"]["JobSummary"];
export type JobsPage = components["schemas"]["JobsPage"];
export type Job = components["schemas"]["Job"];
export type WorkflowJob = components["schemas"]["WorkflowJob"];
export type JobMessage = components["schemas"]["JobMessage"];
export type ErrorBody = components["schemas"]["ErrorBody"];

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A simulator on the fixed start: these tests compare with the dates of its history (the year 2025). */
export async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ host: "127.0.0.1", port: 0, start: FIXED_START, ...options });
}

export function curator(sim: RunningSimulator): SimulatorUser {
  const user = sim.users.find((u) => u.role === "Curator");
  if (!user) throw new Error("no Curator");
  return user;
}

export function artisan(sim: RunningSimulator, nth = 0): SimulatorUser {
  const user = sim.users.filter((u) => u.role === "Artisan")[nth];
  if (!user) throw new Error("no Artisan");
  return user;
}

/** Any request; JSON bodies are parsed (a body that is not JSON is returned as text). */
export async function call<T = unknown>(
  sim: RunningSimulator | string,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<Answer<T>> {
  const base = typeof sim === "string" ? sim : sim.url;
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`);
  const res = await fetch(`${base}${path}`, { ...init, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export function get<T = unknown>(sim: RunningSimulator | string, path: string, token: string): Promise<Answer<T>> {
  return call<T>(sim, path, { token });
}

/** Every job the Curator can list, in the default order (CreateDate desc), read in pages of 1000. */
export async function allJobs(sim: RunningSimulator, query = ""): Promise<JobSummary[]> {
  const token = curator(sim).token;
  const jobs: JobSummary[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await get<JobsPage>(sim, `/v3/jobs?limit=1000&offset=${offset}${query ? `&${query}` : ""}`, token);
    if (page.status !== 200) throw new Error(`listJobs answered ${page.status}: ${JSON.stringify(page.body)}`);
    jobs.push(...page.body.data);
    if (!page.body.pagination.hasNextPage) return jobs;
  }
}

/** Waits until `check` returns a value (not undefined), polling every `everyMs`, for at most `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** When a listed job finished (startTime + executionTime), in ms, or undefined if it has not. */
export function completionMs(job: JobSummary): number | undefined {
  if (!job.startTime || !job.executionTime) return undefined;
  const [h, m, s] = job.executionTime.split(":").map(Number);
  return Date.parse(job.startTime) + ((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000;
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export const FORM = { "content-type": "application/x-www-form-urlencoded" } as const;

/** What Prism does when a request or response breaks the spec (undefined: it found nothing). */
export function violationSignal(res: Answer): string | undefined {
  const listed = parseSlViolations("", res.headers.get("sl-violations"));
  if (listed.length > 0) return `sl-violations: ${describeViolations(listed)}`;
  const body = res.body as { validation?: unknown } | undefined;
  if ((res.status === 422 || res.status === 500) && body && typeof body === "object" && "validation" in body) {
    return `Prism ${res.status}: ${JSON.stringify(body.validation)}`;
  }
  const problem = (res.headers.get("content-type") ?? "").includes("problem+json");
  if (problem) return `Prism problem: ${JSON.stringify(res.body)}`;
  return undefined;
}
