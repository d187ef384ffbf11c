/**
 * getJobOutput: the simulator against the spec. Every answer goes through
 * `prism proxy generated/openapi.yaml <simulator> --errors`, which turns a request or response that
 * breaks the spec into a 422/500 with a `validation` list (or an `sl-violations` header); no answer may
 * carry that signal. Answers to requests the spec itself forbids (no format, no token: Prism refuses to
 * forward those) are checked directly against the spec's response schemas with Ajv.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismHandle, startPrism } from "../../cli/src/conformance/prism.js";
import type { RunningSimulator } from "../../simulator/src/index.js";
import { createSpecValidator } from "../../src/validate.js";
import { type ConformanceRun, formatText, runConformance } from "../../cli/src/conformance/index.js";
import { SCENARIOS } from "../../cli/src/conformance/scenarios.js";
import { artisan, call, curator, eventually, get, start, violationSignal, type Job } from "./helpers.js";

/** An error answer's body: JSON when it parses, else its text. */
async function errorBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

describe("simulator: getJobOutput conforms to the spec (through prism proxy --errors)", () => {
  let sim: RunningSimulator;
  let prism: PrismHandle;
  let token: string;
  let job: Job;
  const statuses = new Set<number>();

  /** One download through the proxy: it must answer `status`, and Prism must find nothing. */
  async function through(label: string, status: number, path: string, bearer = token): Promise<Response> {
    const res = await fetch(`${prism.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    // A file is left unread for the caller; anything else is read to show Prism's verdict.
    const body = res.status === 200 ? undefined : await errorBody(res.clone());
    const seen = `${label}: ${JSON.stringify(body)}`;
    expect(violationSignal({ status: res.status, headers: res.headers, body }), seen).toBeUndefined();
    expect(res.status, seen).toBe(status);
    statuses.add(status);
    return res;
  }

  beforeAll(async () => {
    sim = await start({ jobs: 100, seed: 21, timeScale: 1000 });
    token = curator(sim).token;
    // A run with every kind of output: the multi-MB extract and every hostile name.
    const questions = [
      { name: "largeOutput", value: "true" },
      { name: "hostileNames", value: "true" },
    ];
    const init = { method: "POST", token, headers: { "content-type": "application/json" } };
    const path = `/v3/workflows/${sim.workflows[0]?.id}/jobs`;
    const queued = await call<Job>(sim, path, { ...init, body: JSON.stringify({ questions }) });
    job = await eventually(async () => {
      const res = await get<Job>(sim, `/v3/jobs/${queued.body.id}`, token);
      return res.body.status === "Completed" ? res.body : undefined;
    });
    prism = await startPrism({ upstream: sim.url });
  }, 60_000);

  afterAll(async () => {
    await prism?.stop();
    await sim?.close();
  });

  it("detects a violation when there is one (the check itself works)", async () => {
    const output = job.outputs?.[0];
    const res = await call(prism.url, `/v1/jobs/${job.id}/output/${output?.id}`, { token });
    expect(violationSignal(res)).toBeDefined();
  });

  it("200 for every output in every format, the multi-MB one and hostile names included", async () => {
    const outputs = job.outputs ?? [];
    expect(outputs.length).toBeGreaterThan(9);
    for (const output of outputs) {
      for (const format of output.availableFormats ?? []) {
        const path = `/v1/jobs/${job.id}/output/${output.id}?format=${format}`;
        const res = await through(`${output.fileName} ${format}`, 200, path);
        const bytes = (await res.arrayBuffer()).byteLength;
        expect(bytes).toBe(Number(res.headers.get("content-length")));
        expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="/);
      }
    }
  }, 60_000);

  it("400 for a format the output does not offer, 401 for a bad token, 404 for an unknown job or output", async () => {
    const output = job.outputs?.[0];
    await through("format not offered", 400, `/v1/jobs/${job.id}/output/${output?.id}?format=Pdf`);
    await through("bad token", 401, `/v1/jobs/${job.id}/output/${output?.id}?format=Raw`, "not-a-token");
    await through("unknown job", 404, `/v1/jobs/000000000000000000000000/output/${output?.id}?format=Raw`);
    await through("unknown output", 404, `/v1/jobs/${job.id}/output/000000000000000000000000?format=Raw`);
    expect(statuses).toEqual(new Set([200, 400, 401, 404]));
  });

  it("answers requests the spec forbids (no format, no token) with 400 and 401", async () => {
    // No source gives these answers' bodies, so the spec accepts any (spec/evidence.yaml, no-body-401-403-404).
    const { validateResponse } = createSpecValidator();
    const output = job.outputs?.[0];
    const noFormat = await get(sim, `/v1/jobs/${job.id}/output/${output?.id}`, token);
    expect(noFormat.status).toBe(400);
    expect(validateResponse("getJobOutput", 400, noFormat.body)).toEqual([]);
    const noToken = await call(sim, `/v1/jobs/${job.id}/output/${output?.id}?format=Raw`);
    expect(noToken.status).toBe(401);
    expect(validateResponse("getJobOutput", 401, noToken.body)).toEqual([]);
  });
});

describe("the conformance run's output scenarios against the simulator", () => {
  const scenarios = SCENARIOS.filter((s) => /output/.test(s.name));
  const started: RunningSimulator[] = [];
  const simulator = async (jobs: number) => {
    const sim = await start({ jobs, seed: 8, timeScale: 100 });
    started.push(sim);
    return sim;
  };
  afterAll(async () => {
    for (const sim of started) await sim.close();
  });
  const outcomes = (run: ConformanceRun) => run.report.scenarios.map(({ outcome, reason }) => ({ outcome, reason }));

  it("pass for a Curator's key, and for an Artisan's with a workflow (its own jobs)", async () => {
    expect(scenarios).toHaveLength(2);
    const sim = await simulator(300);
    const curatorRun = await runConformance({ target: sim.url, credentials: curator(sim), scenarios });
    expect(outcomes(curatorRun), formatText(curatorRun)).toEqual([{ outcome: "passed" }, { outcome: "passed" }]);
    expect(curatorRun.report.violations).toEqual([]);
    const workflowId = sim.workflows[0]?.id;
    const artisanRun = await runConformance({ target: sim.url, credentials: artisan(sim), workflowId, scenarios });
    expect(outcomes(artisanRun), formatText(artisanRun)).toEqual([{ outcome: "passed" }, { outcome: "passed" }]);
  }, 120_000);

  it("are skipped, saying why, when no job lists an output or an Artisan gives no workflow", async () => {
    const empty = await simulator(0);
    const none = await runConformance({ target: empty.url, credentials: curator(empty), scenarios });
    const noOutput = "none of the 0 newest completed jobs lists an output with a format";
    expect(outcomes(none)).toEqual([
      { outcome: "skipped", reason: noOutput },
      { outcome: "skipped", reason: noOutput },
    ]);
    expect(none.exitCode).toBe(0);
    const sim = await simulator(50);
    const noWorkflow = await runConformance({ target: sim.url, credentials: artisan(sim), scenarios });
    expect(outcomes(noWorkflow).map((o) => o.reason)).toEqual([
      expect.stringContaining("pass --workflow-id"),
      expect.stringContaining("pass --workflow-id"),
    ]);
  }, 120_000);
});
