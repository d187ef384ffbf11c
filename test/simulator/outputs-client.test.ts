/**
 * The client against the simulator: every output of simulator jobs downloaded with getJobOutput and saved with
 * saveJobOutputs, compared byte for byte with what the simulator's generator makes; hostile names stay inside
 * the folder.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveJobOutputs } from "../../node/index.js";
import type { RunningSimulator } from "../../simulator/src/index.js";
import { FIXED_START } from "../../simulator/src/clock.js";
import { HOSTILE_FILE_NAMES, jobOutputFiles, outputDownload, type OutputFile } from "../../simulator/src/outputs.js";
import { seedToInt } from "../../simulator/src/prng.js";
import { DISPOSITION, priorityCodeOfName } from "../../simulator/src/vocabulary.js";
import { generateData } from "../../simulator/src/seed-data.js";
import { createJobsClient, JobsApiError, type JobsClient } from "../../src/index.js";
import { curator, start } from "./helpers.js";
import { fileDigest, generatedDigest, streamDigest } from "./outputs-digest.js";

const SEED = 23;
const JOBS = 200;
const MiB = 1024 * 1024;

describe("simulator outputs through the client", () => {
  let sim: RunningSimulator;
  let ayx: JobsClient;
  let folder: string;
  const data = generateData(seedToInt(SEED), JOBS);
  const outputsOf = (i: number) => jobOutputFiles(data.seed, data.jobs, data.workflows, i, FIXED_START);

  beforeAll(async () => {
    sim = await start({ jobs: JOBS, seed: SEED, timeScale: 1000 });
    const { clientId, clientSecret } = curator(sim);
    ayx = createJobsClient({ baseUrl: sim.url, auth: { clientId, clientSecret } });
    folder = await mkdtemp(join(tmpdir(), "sim-outputs-"));
  });
  afterAll(async () => {
    await sim?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("getJobOutput streams every output of a job in every format, the bytes the simulator generated", async () => {
    const slot = Array.from({ length: JOBS }, (_, i) => i).find((i) => {
      const kinds = outputsOf(i).map((f) => f.kind);
      return kinds.includes("extract") && kinds.includes("detail");
    });
    if (slot === undefined) throw new Error("no job with an extract and a detail file");
    const jobId = data.jobs.id(slot);
    let largest = 0;
    for (const file of outputsOf(slot)) {
      for (const format of file.availableFormats) {
        const got = await ayx.getJobOutput(jobId, file.id, { format });
        const want = await generatedDigest(file, format);
        expect(got).toMatchObject({ fileName: outputDownload(file, format)?.fileName, format, size: want.size });
        expect(await streamDigest(got.body)).toEqual(want);
        largest = Math.max(largest, want.size);
      }
      // Without a format, the output's first available one.
      const first = await ayx.getJobOutput(jobId, file.id);
      expect(first.format).toBe(file.availableFormats[0]);
      expect(await streamDigest(first.body)).toEqual(await generatedDigest(file, file.availableFormats[0] ?? ""));
    }
    expect(largest).toBeGreaterThan(5 * MiB);
  });

  it("saveJobOutputs writes a queued run's outputs, hostile names too, inside the folder, byte for byte", async () => {
    const workflowId = sim.workflows[0]?.id ?? "";
    const queued = await ayx.enqueueJob(workflowId, { questions: [{ name: "hostileNames", value: "true" }] });
    const done = await ayx.waitForJob(queued.id, { initialIntervalMs: 20, maxIntervalMs: 50 });
    expect(done.status).toBe("Completed");
    const names = (done.outputs ?? []).map((o) => o.fileName);
    for (const name of HOSTILE_FILE_NAMES) expect(names).toContain(name);

    const directory = join(folder, "run");
    const saved = await saveJobOutputs(ayx, queued.id, directory);
    expect(saved).toHaveLength(done.outputs?.length ?? -1);
    // The same run queued in a fresh copy of the data: the same slot, time and questions give the same files.
    const questions = [{ name: "hostileNames", value: "true" }];
    const user = sim.users.findIndex((u) => u.id === curator(sim).id);
    const fields = { workflow: 0, user, priority: priorityCodeOfName("Default"), outcome: DISPOSITION.Success };
    const queuedAt = Date.parse(done.createDateTime ?? "");
    const slot = data.jobs.appendLive(queuedAt, fields, { workerTag: "", credentialId: undefined, questions });
    expect(data.jobs.id(slot)).toBe(queued.id);
    const files = jobOutputFiles(data.seed, data.jobs, data.workflows, slot, queuedAt + 3_600_000);

    const written = await readdir(directory, { recursive: true });
    expect(written).toHaveLength(saved.length);
    for (const entry of saved) {
      expect(relative(directory, entry.path)).not.toMatch(/^\.\.|[/\\]/);
      const file = files.find((f) => f.id === entry.outputId);
      if (!file) throw new Error(`the generator has no output ${entry.outputId}`);
      expect(entry.serverFileName).toBe(outputDownload(file, entry.format)?.fileName);
      expect(await fileDigest(entry.path)).toEqual(await generatedDigest(file, entry.format));
    }
  });

  it("a format the output does not offer and an unknown output are JobsApiErrors", async () => {
    const slot = Array.from({ length: JOBS }, (_, i) => i).find((i) => outputsOf(i).length > 0) ?? -1;
    const jobId = data.jobs.id(slot);
    const file = outputsOf(slot)[0] as OutputFile;
    const refused = await ayx.getJobOutput(jobId, file.id, { format: "Pdf" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(JobsApiError);
    expect(refused).toMatchObject({ kind: "http", status: 400, operationId: "getJobOutput" });
    const unknown = "000000000000000000000000";
    const missing = await ayx.getJobOutput(jobId, unknown, { format: "Raw" }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ kind: "http", status: 404, operationId: "getJobOutput" });
  });
});
