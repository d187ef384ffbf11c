/** saveJobOutputs writes every output of a job inside its folder, whatever names the server sends. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { safeFileName, saveJobOutputs } from "../../node/index.js";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { bytesOf, type OutputSpec, startOutputServer } from "../support/output-server.js";

const JOB = "68e4a0c1c97fddfcc003b101";
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function setup(outputs: OutputSpec[]) {
  const server = await startOutputServer(JOB, outputs);
  const root = await mkdtemp(join(tmpdir(), "ayx-outputs-"));
  const directory = join(root, "results");
  cleanup.push(server.close, () => rm(root, { recursive: true, force: true }));
  return { ayx: createJobsClient({ baseUrl: server.baseUrl, auth: { token: "t" } }), root, directory, server };
}

/** Serves `bytes` with the given name in Content-Disposition (or none). */
const file = (id: string, name: string | undefined, bytes: Buffer, formats = ["Raw"]): OutputSpec => ({
  id,
  availableFormats: formats,
  serve: (res) => {
    const headers: Record<string, string> = {
      "content-type": "application/octet-stream",
      "content-length": String(bytes.length),
    };
    if (name !== undefined) headers["content-disposition"] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
    res.writeHead(200, headers);
    res.end(bytes);
  },
});

/** Every file below a folder, as paths relative to it. */
async function filesBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)))
    .sort();
}

describe("saveJobOutputs", () => {
  it("writes hostile server names safely inside the folder, each file byte for byte", async () => {
    const hostile = [
      "../../etc/x",
      "/etc/passwd",
      "C:\\Windows\\System32\\evil.bat",
      "..",
      "CON",
      "nul.txt",
      ".bashrc",
      "a\u0000b\u001fc.csv",
      "report.csv",
      "report.csv",
      "trailing. . .",
      `${"é".repeat(300)}.csv`,
    ];
    const bytes = hostile.map((_, i) => bytesOf(1000 + i * 37, i + 1));
    const { ayx, root, directory } = await setup(hostile.map((name, i) => file(`o${i}`, name, bytes[i]!)));

    const saved = await saveJobOutputs(ayx, JOB, directory);

    expect(await filesBelow(root)).toEqual(saved.map((s) => relative(root, s.path)).sort());
    expect(saved.map((s) => relative(directory, s.path))).toEqual([
      "x",
      "passwd",
      "evil.bat",
      "output-o3",
      "_CON",
      "_nul.txt",
      "_.bashrc",
      "a_b_c.csv",
      "report.csv",
      "report (2).csv",
      "trailing",
      `${"é".repeat(98)}.csv`,
    ]);
    for (const [i, s] of saved.entries()) {
      expect(s).toMatchObject({
        outputId: `o${i}`,
        serverFileName: hostile[i],
        bytes: bytes[i]!.length,
        format: "Raw",
      });
      expect((await readFile(s.path)).equals(bytes[i]!)).toBe(true);
    }
  });

  it("asks for the preferred format (any case) where an output offers it, else the first offered", async () => {
    const { ayx, directory, server } = await setup([
      file("o1", "a.csv", bytesOf(10), ["Xlsx", "Csv"]),
      file("o2", "b.pdf", bytesOf(10), ["Pdf"]),
    ]);
    const saved = await saveJobOutputs(ayx, JOB, directory, { format: "csv" }); // matched without regard to case
    expect(saved.map((s) => s.format)).toEqual(["Csv", "Pdf"]);
    expect(server.seen.filter((s) => s.includes("/output/"))).toEqual([
      `GET /webapi/v1/jobs/${JOB}/output/o1?format=Csv`,
      `GET /webapi/v1/jobs/${JOB}/output/o2?format=Pdf`,
    ]);
  });

  it("reports progress, and leaves no partial file when a download fails midway", async () => {
    const { ayx, directory } = await setup([
      file("o1", "whole.bin", bytesOf(200_000)),
      {
        id: "o2",
        availableFormats: ["Raw"],
        serve: (res) => {
          res.writeHead(200, {
            "content-disposition": 'attachment; filename="broken.bin"',
            "content-length": "100000",
          });
          res.write(Buffer.alloc(5000), () => res.destroy());
        },
      },
    ]);
    const progress: number[] = [];
    const error = await saveJobOutputs(ayx, JOB, directory, { onProgress: (p) => progress.push(p.bytes) }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({ kind: "network", operationId: "getJobOutput", path: `/v1/jobs/${JOB}/output/o2` });
    expect(await filesBelow(directory)).toEqual(["whole.bin"]);
    expect(progress.at(-1)).toBeGreaterThanOrEqual(5000);
    expect(progress).toContain(200_000);
  });

  it("makes any name safe on its own", () => {
    expect(safeFileName("", "fallback")).toBe("fallback");
    expect(safeFileName("...", "fallback")).toBe("fallback");
    expect(safeFileName("LPT1.csv", "f")).toBe("_LPT1.csv");
    expect(safeFileName('what?*<>|":.csv', "f")).toBe("what_______.csv");
    expect(safeFileName("dir\\..\\..\\x.csv", "f")).toBe("x.csv");
  });
});
