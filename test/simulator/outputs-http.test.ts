/**
 * GET /v1/jobs/{jobId}/output/{outputId} over real HTTP (plain fetch): every output of simulator jobs
 * downloaded in every format and compared byte for byte with what the generator makes, the headers,
 * and the 400/401/404 answers.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_PATH, createHttpServer, file } from "../../simulator/src/http.js";
import type { RunningSimulator } from "../../simulator/src/index.js";
import {
  HOSTILE_FILE_NAMES,
  jobOutputFiles,
  listedOutput,
  outputDownload,
  type OutputDownload,
  type OutputFile,
} from "../../simulator/src/outputs.js";
import { seedToInt } from "../../simulator/src/prng.js";
import { generateData } from "../../simulator/src/seed-data.js";
import { FIXED_START } from "../../simulator/src/clock.js";
import { artisan, call, curator, eventually, get, start, type ErrorBody, type Job } from "./helpers.js";
import { generatedDigest, streamDigest } from "./outputs-digest.js";

const SEED = 11;
const JOBS = 300;
const MiB = 1024 * 1024;

/** The file name in a Content-Disposition header: `filename*` (RFC 8187) if present, else `filename`. */
function dispositionName(header: string): string | undefined {
  const extended = /filename\*=UTF-8''([^;\s]+)/i.exec(header);
  if (extended?.[1]) return decodeURIComponent(extended[1]);
  const quoted = /filename="((?:[^"\\]|\\.)*)"/.exec(header);
  return quoted?.[1]?.replace(/\\(.)/g, "$1");
}

describe("simulator: downloading job outputs", () => {
  let sim: RunningSimulator;
  let token: string;
  const data = generateData(seedToInt(SEED), JOBS);
  /** Generated jobs with outputs, by job id. */
  const withOutputs = new Map<string, OutputFile[]>();
  for (let i = 0; i < data.jobs.length; i++) {
    const files = jobOutputFiles(data.seed, data.jobs, data.workflows, i, FIXED_START);
    if (files.length > 0) withOutputs.set(data.jobs.id(i), files);
  }
  const jobWith = (pred: (files: OutputFile[]) => boolean): [string, OutputFile[]] => {
    for (const entry of withOutputs) if (pred(entry[1])) return entry;
    throw new Error("no such job in the generated data");
  };
  const download = (jobId: string, outputId: string, format: string, bearer = token) => {
    const url = `${sim.url}/v1/jobs/${jobId}/output/${outputId}?format=${encodeURIComponent(format)}`;
    return fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  };

  beforeAll(async () => {
    sim = await start({ jobs: JOBS, seed: SEED, timeScale: 1000 });
    token = curator(sim).token;
  });
  afterAll(() => sim.close());

  it("lists in the job answer exactly the outputs the generator makes", async () => {
    let checked = 0;
    for (const [jobId, files] of [...withOutputs].slice(0, 20)) {
      const job = await get<Job>(sim, `/v3/jobs/${jobId}?includeMessages=false`, token);
      expect(job.body.outputs).toEqual(files.map(listedOutput));
      checked++;
    }
    expect(checked).toBe(20);
  });

  it("serves every output of a job in every format, byte for byte, with type, length and file name", async () => {
    const [jobId, files] = jobWith((fs) => fs.some((f) => f.kind === "extract") && fs.some((f) => f.kind === "detail"));
    const sizes: number[] = [];
    for (const file of files) {
      for (const format of file.availableFormats) {
        const want = outputDownload(file, format) as OutputDownload;
        const res = await download(jobId, file.id, format);
        expect(res.status, `${file.fileName} ${format}`).toBe(200);
        expect(res.headers.get("content-type")).toBe(want.contentType);
        expect(res.headers.get("content-length")).toBe(String(want.size));
        expect(dispositionName(res.headers.get("content-disposition") ?? "")).toBe(want.fileName);
        expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="/);
        expect(await streamDigest(res.body)).toEqual(await generatedDigest(file, format));
        sizes.push(want.size);
      }
    }
    expect(Math.max(...sizes)).toBeGreaterThan(5 * MiB);
  });

  it("serves the same bytes on every request, and takes format, job id and output id in any case", async () => {
    const [jobId, files] = jobWith((fs) => fs.some((f) => f.kind === "detail"));
    const file = files.find((f) => f.kind === "detail") as OutputFile;
    const first = await streamDigest((await download(jobId, file.id, "Csv")).body);
    expect(await streamDigest((await download(jobId, file.id, "csv")).body)).toEqual(first);
    expect(await streamDigest((await download(jobId.toUpperCase(), file.id.toUpperCase(), "CSV")).body)).toEqual(first);
    expect(first).toEqual(await generatedDigest(file, "Csv"));
  });

  it("sends hostile and non-ASCII names in Content-Disposition as they are, quoted and encoded", async () => {
    const jobId = (await queue([{ name: "hostileNames", value: "true" }])).id;
    const job = await get<Job>(sim, `/v3/jobs/${jobId}`, token);
    const names = (job.body.outputs ?? []).map((o) => o.fileName);
    for (const name of HOSTILE_FILE_NAMES) expect(names).toContain(name);
    for (const output of job.body.outputs ?? []) {
      const res = await download(jobId, output.id, "Raw");
      expect(res.status).toBe(200);
      const header = res.headers.get("content-disposition") ?? "";
      expect(dispositionName(header), header).toBe(output.fileName);
      expect(header).not.toMatch(/[\r\n]/);
      await res.arrayBuffer();
    }
    const unicode = (job.body.outputs ?? []).find((o) => o.fileName?.startsWith("Übersicht"));
    const res = await download(jobId, unicode?.id ?? "", "Raw");
    await res.arrayBuffer();
    const fallback = 'attachment; filename="_bersicht K_ln _ Q4 _.csv"';
    const encoded = "filename*=UTF-8''%C3%9Cbersicht%20K%C3%B6ln%20%E2%80%93%20Q4%20%E2%98%83.csv";
    expect(res.headers.get("content-disposition")).toBe(`${fallback}; ${encoded}`);
  });

  /** Queues a run of the first workflow and waits until it has Completed. */
  async function queue(questions: { name: string; value: string }[], bearer = token): Promise<Job> {
    const headers = { "content-type": "application/json" };
    const body = JSON.stringify({ questions });
    const path = `/v3/workflows/${sim.workflows[0]?.id}/jobs`;
    const queued = await call<Job>(sim, path, { method: "POST", token: bearer, headers, body });
    expect(queued.status).toBe(200);
    expect(queued.body.outputs).toEqual([]);
    return eventually(async () => {
      const res = await get<Job>(sim, `/v3/jobs/${queued.body.id}`, bearer);
      return res.body.status === "Completed" ? res.body : undefined;
    });
  }

  it("a queued run has its outputs once it has completed, and its owner may download them", async () => {
    const owner = artisan(sim);
    const job = await queue([{ name: "largeOutput", value: "true" }], owner.token);
    const large = (job.outputs ?? []).find((o) => o.fileName?.endsWith("_extract.csv"));
    expect(large).toBeDefined();
    const res = await download(job.id, large?.id ?? "", "Raw", owner.token);
    expect(res.status).toBe(200);
    const { size } = await streamDigest(res.body);
    expect(size).toBeGreaterThan(5 * MiB);
    expect(size).toBe(Number(res.headers.get("content-length")));
  });

  it("answers 401 without a valid token", async () => {
    const [jobId, [file]] = jobWith(() => true);
    const bare = await call<ErrorBody>(sim, `/v1/jobs/${jobId}/output/${file?.id}?format=Raw`);
    expect(bare.status).toBe(401);
    expect(bare.body.message).toMatch(/denied/);
    expect(bare.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await download(jobId, file?.id ?? "", "Raw", "not-a-token")).status).toBe(401);
  });

  it("answers 404 for an unknown job or output, a job without outputs, another user's job", async () => {
    const [jobId, [file]] = jobWith(() => true);
    const outputId = file?.id ?? "";
    const notFound = async (path: string, bearer = token) => {
      const res = await get<ErrorBody>(sim, path, bearer);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ message: "Output not found." });
    };
    await notFound(`/v1/jobs/000000000000000000000000/output/${outputId}?format=Raw`);
    await notFound(`/v1/jobs/not-an-id/output/${outputId}?format=Raw`);
    await notFound(`/v1/jobs/${jobId}/output/000000000000000000000000?format=Raw`);
    const other = [...withOutputs.keys()].find((id) => id !== jobId) ?? "";
    await notFound(`/v1/jobs/${other}/output/${outputId}?format=Raw`);
    const running = data.jobs.id(data.jobs.length - 1);
    await notFound(`/v1/jobs/${running}/output/${outputId}?format=Raw`);
    // An Artisan sees only their own jobs.
    const worker = artisan(sim);
    const slot = data.jobs.indexOf(jobId);
    if (data.users[data.jobs.user[slot] ?? 0]?.id === worker.id) throw new Error("pick a job of another user");
    await notFound(`/v1/jobs/${jobId}/output/${outputId}?format=Raw`, worker.token);
  });

  it("answers 400 without a format, with two, or with one the output does not offer", async () => {
    const [jobId, [file]] = jobWith(() => true);
    const path = `/v1/jobs/${jobId}/output/${file?.id}`;
    for (const query of ["", "?format=", "?format=Raw&format=Csv"]) {
      const res = await get<ErrorBody>(sim, `${path}${query}`, token);
      expect(res.status, query).toBe(400);
      expect(res.body.modelState?.format?.length).toBe(1);
    }
    const res = await get<ErrorBody>(sim, `${path}?format=Pdf`, token);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("The requested format is not available for this output.");
    expect(res.body.modelState?.format?.[0]).toContain(file?.availableFormats.join(", "));
  });

  it("keeps serving when a client stops reading a multi-MB download halfway", async () => {
    const [jobId, files] = jobWith((fs) => fs.some((f) => f.kind === "extract"));
    const file = files.find((f) => f.kind === "extract") as OutputFile;
    const res = await download(jobId, file.id, "Raw");
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    await reader?.cancel();
    const again = await download(jobId, file.id, "Raw");
    expect(await streamDigest(again.body)).toEqual(await generatedDigest(file, "Raw"));
  });
});

describe("simulator: a file answer is generated only as fast as the client reads it", () => {
  it("a client that stops reading stops the generator after a few chunks (backpressure)", async () => {
    const CHUNK = 64 * 1024;
    let made = 0;
    function* endless(): Generator<Uint8Array> {
      for (;;) {
        made++;
        yield Buffer.alloc(CHUNK, made % 256);
      }
    }
    const headers = { "content-type": "application/octet-stream" };
    const server = createHttpServer([{ pattern: "/file", methods: { GET: () => file(200, endless(), headers) } }]);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}${BASE_PATH}/file`);
      const reader = res.body?.getReader();
      await reader?.read();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the client reads nothing more for a while
      const stalled = made;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Only socket and stream buffers' worth was made (a few MB at most), and nothing more while nobody read.
      expect(stalled * CHUNK).toBeLessThan(16 * MiB);
      expect(made).toBe(stalled);
      await reader?.cancel();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
