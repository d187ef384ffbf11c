/** The output generator on its own: which jobs have outputs, and each output's bytes per format. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FIXED_START } from "../../simulator/src/clock.js";
import { generateData, type SimData } from "../../simulator/src/seed-data.js";
import { jobDetails } from "../../simulator/src/details.js";
import { DISPOSITION, STATUS } from "../../simulator/src/vocabulary.js";
import {
  HOSTILE_FILE_NAMES,
  jobOutputFiles,
  listedOutput,
  outputDownload,
  type OutputDownload,
  type OutputFile,
} from "../../simulator/src/outputs.js";

const NOW = FIXED_START;
const MiB = 1024 * 1024;

function outputsOf(data: SimData, i: number, now = NOW): OutputFile[] {
  return jobOutputFiles(data.seed, data.jobs, data.workflows, i, now);
}

function bytesOf(download: OutputDownload, chunkBytes?: number): Buffer {
  return Buffer.concat([...download.chunks(chunkBytes)]);
}

function sha256(download: OutputDownload): string {
  const hash = createHash("sha256");
  for (const chunk of download.chunks()) hash.update(chunk);
  return hash.digest("hex");
}

/** Every output of every job of a data set, with its job slot. */
function everyOutput(data: SimData): { i: number; file: OutputFile }[] {
  const all: { i: number; file: OutputFile }[] = [];
  for (let i = 0; i < data.jobs.length; i++) for (const file of outputsOf(data, i)) all.push({ i, file });
  return all;
}

/** A live job (queued through the API) with these questions, completed by `now`. */
function liveJob(data: SimData, questions: { name: string; value: string }[]): { i: number; now: number } {
  const queuedAt = NOW + 60_000;
  const outcome = DISPOSITION.Success;
  const extras = { workerTag: "", credentialId: undefined, questions };
  const i = data.jobs.appendLive(queuedAt, { workflow: 0, user: 0, priority: 10, outcome }, extras);
  return { i, now: queuedAt + 3_600_000 };
}

describe("simulator: job outputs", () => {
  const data = generateData(7, 1000);
  const all = everyOutput(data);

  it("only a job that Completed without an error has outputs", () => {
    const { jobs } = data;
    const seen = new Set<string>();
    for (let i = 0; i < jobs.length; i++) {
      const status = jobs.statusAt(i, NOW);
      const files = outputsOf(data, i);
      if (status === STATUS.Completed && jobs.disposition[i] !== DISPOSITION.Error) {
        expect(files.length, `job ${i}`).toBeGreaterThan(0);
        seen.add("with");
      } else {
        expect(files, `job ${i} (status ${status})`).toEqual([]);
        seen.add(`none ${status}`);
      }
    }
    // Queued, Initializing, Running, Cancelled and Completed-with-error jobs were all seen.
    expect(seen).toEqual(new Set(["with", "none 0", "none 1", "none 2", "none 3", "none 4"]));
  });

  it("a queued run has none until it completes, then the same ones every time", () => {
    const fresh = generateData(7, 10);
    const { i, now } = liveJob(fresh, []);
    expect(outputsOf(fresh, i, NOW + 61_000)).toEqual([]); // queued
    expect(outputsOf(fresh, i, NOW + 60_000 + 4_000)).toEqual([]); // running
    expect(outputsOf(fresh, i, now).length).toBeGreaterThan(0);
    expect(outputsOf(fresh, i, now + 1e9)).toEqual(outputsOf(fresh, i, now));
  });

  it("is the same for the same seed and differs for another", () => {
    const again = everyOutput(generateData(7, 1000));
    expect(again).toEqual(all);
    const other = everyOutput(generateData(8, 1000));
    expect(other.map((o) => o.file.id)).not.toEqual(all.map((o) => o.file.id));
  });

  it("gives each output a 24-hex id unique within its job, a file name and its formats", () => {
    const byJob = new Map<number, string[]>();
    for (const { i, file } of all) {
      expect(file.id).toMatch(/^[0-9a-f]{24}$/);
      expect(file.fileName.length).toBeGreaterThan(0);
      expect(file.availableFormats[0]).toBe("Raw");
      byJob.set(i, [...(byJob.get(i) ?? []), file.id]);
    }
    for (const ids of byJob.values()) expect(new Set(ids).size).toBe(ids.length);
  });

  it("is what the job answer lists, and each file has an 'Output Data' message", () => {
    let checked = 0;
    for (let i = 0; i < data.jobs.length && checked < 50; i++) {
      const files = outputsOf(data, i);
      if (files.length === 0) continue;
      const details = jobDetails(data.seed, data.jobs, data.workflows, i, NOW);
      expect(details.outputs).toEqual(files.map(listedOutput));
      for (const file of files) {
        expect(details.messages.some((m) => m.status === 5 && m.text.includes(`"${file.fileName}"`))).toBe(true);
      }
      checked++;
    }
    expect(checked).toBe(50);
  });

  it("ranges from a few bytes to several MB, with a 5-8 MiB file among them", () => {
    const sizes = all.flatMap(({ file }) => file.availableFormats.map((f) => outputDownload(file, f)?.size ?? -1));
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeLessThan(10);
    expect(Math.max(...sizes)).toBeGreaterThan(5 * MiB);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8 * MiB);
    const large = all.filter(({ file }) => (outputDownload(file, "Raw")?.size ?? 0) >= 5 * MiB);
    expect(large.length).toBeGreaterThan(all.length / 20);
  });

  it("includes hostile file names for some jobs, and every one for a run queued with hostileNames=true", () => {
    const hostile = all.filter(({ file }) => (HOSTILE_FILE_NAMES as readonly string[]).includes(file.fileName));
    expect(hostile.length).toBeGreaterThan(0);
    expect(hostile.length).toBeLessThan(all.length / 5);
    expect(hostile.map((h) => h.file.fileName)).toContain("../../etc/x");

    const fresh = generateData(7, 10);
    const plain = liveJob(fresh, []);
    const asked = liveJob(fresh, [{ name: "hostileNames", value: "True" }]);
    const names = outputsOf(fresh, asked.i, asked.now).map((f) => f.fileName);
    for (const name of HOSTILE_FILE_NAMES) expect(names).toContain(name);
    expect(outputsOf(fresh, plain.i, plain.now).length).toBeLessThan(names.length);
  });

  it("always writes the multi-MB extract for a run queued with largeOutput=true", () => {
    const fresh = generateData(7, 10);
    const { i, now } = liveJob(fresh, [{ name: "largeOutput", value: "true" }]);
    const sizes = outputsOf(fresh, i, now).map((f) => outputDownload(f, "Raw")?.size ?? 0);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(5 * MiB);
  });

  it("makes exactly `size` bytes in every format, the same bytes every time, whatever the chunk size", () => {
    const sample = all.filter(({ file }) => file.kind !== "extract").slice(0, 40);
    for (const { file } of sample) {
      for (const format of file.availableFormats) {
        const download = outputDownload(file, format);
        if (!download) throw new Error(`${format} not offered`);
        const bytes = bytesOf(download);
        expect(bytes.length, `${file.fileName} ${format}`).toBe(download.size);
        expect(bytesOf(download, 1000).equals(bytes)).toBe(true);
        expect(bytesOf(outputDownload(file, format) as OutputDownload).equals(bytes)).toBe(true);
      }
    }
  });

  it("streams a multi-MB file in bounded chunks, with the same digest every time", () => {
    const large = all.find(({ file }) => file.kind === "extract");
    if (!large) throw new Error("no extract");
    const download = outputDownload(large.file, "Csv") as OutputDownload;
    let total = 0;
    let count = 0;
    for (const chunk of download.chunks(64 * 1024)) {
      expect(chunk.length).toBeLessThanOrEqual(64 * 1024);
      total += chunk.length;
      count++;
    }
    expect(total).toBe(download.size);
    expect(count).toBeGreaterThan(download.size / (64 * 1024));
    expect(sha256(download)).toBe(sha256(outputDownload(large.file, "Raw") as OutputDownload));
    expect(sha256(download)).toBe(sha256(download));
  });

  it("writes CSV as RFC 4180 records; Csv is text/csv, Raw and Yxdb application/octet-stream", () => {
    const detail = all.find(({ file }) => file.kind === "detail")?.file;
    if (!detail) throw new Error("no detail file");
    expect(detail.availableFormats).toEqual(["Raw", "Yxdb", "Csv"]);
    const csv = outputDownload(detail, "Csv") as OutputDownload;
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    expect(csv.fileName).toBe(detail.fileName.replace(/\.yxdb$/, ".csv"));
    const lines = bytesOf(csv).toString("latin1").split("\r\n");
    expect(lines[0]).toBe("record_id,region,order_date,quantity,amount");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(detail.records + 2);
    const record = /^[0-9a-f]{8},(AMER|EMEA|APAC|LATM),2025-\d\d-\d\d,\d{3},\d{4}\.\d\d$/;
    for (const line of lines.slice(1, -1)) expect(line).toMatch(record);

    const raw = outputDownload(detail, "Raw") as OutputDownload;
    expect(raw).toMatchObject({ fileName: detail.fileName, contentType: "application/octet-stream" });
    const yxdb = bytesOf(raw);
    expect(yxdb.subarray(0, 21).toString("latin1")).toBe("Alteryx Database File");
    expect(yxdb.readUInt32LE(64)).toBe(detail.records);
    expect(bytesOf(outputDownload(detail, "Yxdb") as OutputDownload).equals(yxdb)).toBe(true);

    const count = all.find(({ file }) => file.kind === "count")?.file;
    if (!count) throw new Error("no count file");
    const text = outputDownload(count, "Raw") as OutputDownload;
    expect(text.contentType).toBe("application/octet-stream");
    expect(bytesOf(text).toString("latin1")).toMatch(/^\d+\n$/);
  });

  it("matches a format case-insensitively and offers nothing else", () => {
    const file = all[0]?.file as OutputFile;
    expect(outputDownload(file, "csv")?.size).toBe(outputDownload(file, "Csv")?.size);
    expect(outputDownload(file, "RAW")).toBeDefined();
    expect(outputDownload(file, "Pdf")).toBeUndefined();
    expect(outputDownload(file, "")).toBeUndefined();
  });

  it("gives different outputs different bytes", () => {
    const digests = all.slice(0, 200).filter(({ file }) => file.kind === "summary" && file.records > 0);
    const unique = new Set(digests.map(({ file }) => sha256(outputDownload(file, "Raw") as OutputDownload)));
    expect(unique.size).toBe(digests.length);
  });
});
