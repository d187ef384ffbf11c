/** getJobOutput: a file as a stream, resolved at its headers, with the timeout per chunk and the usual errors. */
import { afterEach, describe, expect, it } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { fileNameOf } from "../../src/outputs.js";
import { BASE, fakeFetch, json } from "../support/fake-fetch.js";
import { bytesOf, startOutputServer } from "../support/output-server.js";

const JOB = "68e4a0c1c97fddfcc003b101";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function server(...args: Parameters<typeof startOutputServer>) {
  const started = await startOutputServer(...args);
  closers.push(started.close);
  return started;
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("getJobOutput", () => {
  it("resolves at the headers, before the body has arrived, and streams the bytes", async () => {
    let finish: (() => void) | undefined;
    const { fetch, sent } = fakeFetch(() => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("a,b\n"));
          finish = () => {
            controller.enqueue(new TextEncoder().encode("1,2\n"));
            controller.close();
          };
        },
      });
      const headers = { "content-type": "text/csv", "content-disposition": 'attachment; filename="result.csv"' };
      return new Response(body, { status: 200, headers });
    });
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    const file = await ayx.getJobOutput(JOB, "o1", { format: "Csv" });
    expect(file).toMatchObject({ fileName: "result.csv", contentType: "text/csv", format: "Csv" });
    expect(file.size).toBeUndefined();
    expect(finish).toBeTypeOf("function"); // the body is still open: only the headers were needed
    finish!();
    expect((await readAll(file.body)).toString()).toBe("a,b\n1,2\n");
    expect(sent.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      `GET /webapi/v1/jobs/${JOB}/output/o1?format=Csv`,
    ]);
    expect(sent[0]!.headers.get("accept")).toBe("*/*");
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer t");
  });

  it("without a format, reads the job and asks for the output's first available format", async () => {
    const file = bytesOf(5000);
    const srv = await server(JOB, [
      { id: "o2", fileName: "Sales.xlsx", availableFormats: ["Xlsx", "Csv"], serve: (res) => res.end(file) },
    ]);
    const ayx = createJobsClient({ baseUrl: srv.baseUrl, auth: { token: "t" } });
    const got = await ayx.getJobOutput(JOB, "o2");
    expect(got).toMatchObject({ fileName: "Sales.xlsx", format: "Xlsx", size: 5000 });
    expect((await readAll(got.body)).equals(file)).toBe(true);
    expect(srv.seen).toEqual([
      `GET /webapi/v3/jobs/${JOB}?includeMessages=false`,
      `GET /webapi/v1/jobs/${JOB}/output/o2?format=Xlsx`,
    ]);
  });

  it("refuses an output the job does not list when no format is given, naming the operation and path", async () => {
    const srv = await server(JOB, [{ id: "o1", availableFormats: ["Csv"], serve: (res) => res.end("x") }]);
    const ayx = createJobsClient({ baseUrl: srv.baseUrl, auth: { token: "t" } });
    const error = await ayx.getJobOutput(JOB, "nope").catch((e) => e);
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({
      kind: "invalid-request",
      operationId: "getJobOutput",
      method: "GET",
      path: `/v1/jobs/${JOB}/output/nope`,
    });
    expect(error.message).toContain('the job has no output "nope" (its outputs: o1)');
  });

  it("a 404 and a 400 are http errors with the server's words", async () => {
    const srv = await server(JOB, [
      {
        id: "o1",
        serve: (res) => {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(JSON.stringify({ message: "The output does not support the format Pdf." }));
        },
      },
    ]);
    const ayx = createJobsClient({ baseUrl: srv.baseUrl, auth: { token: "t" } });
    await expect(ayx.getJobOutput(JOB, "o9", { format: "Csv" })).rejects.toMatchObject({
      kind: "http",
      status: 404,
      serverMessage: "Output not found.",
      operationId: "getJobOutput",
      path: `/v1/jobs/${JOB}/output/o9`,
    });
    await expect(ayx.getJobOutput(JOB, "o1", { format: "Pdf" })).rejects.toMatchObject({
      kind: "http",
      status: 400,
      serverMessage: "The output does not support the format Pdf.",
      method: "GET",
      message: `getJobOutput (GET /v1/jobs/${JOB}/output/o1) failed with 400 Bad Request: The output does not support the format Pdf.`,
    });
  });

  it("is not bound by maxResponseBytes: a file larger than it streams whole", async () => {
    const file = bytesOf(3 * 1024 * 1024, 7);
    const srv = await server(JOB, [{ id: "big", serve: (res) => res.end(file) }]);
    const ayx = createJobsClient({ baseUrl: srv.baseUrl, auth: { token: "t" }, maxResponseBytes: 1024 });
    const got = await ayx.getJobOutput(JOB, "big", { format: "Raw" });
    expect((await readAll(got.body)).equals(file)).toBe(true);
  });

  it("times out when the next chunk does not come within timeoutMs, with a JobsApiError", async () => {
    const srv = await server(JOB, [
      {
        id: "stall",
        serve: (res) => {
          res.writeHead(200, { "content-type": "application/octet-stream", "content-length": "100" });
          res.write(Buffer.alloc(10)); // then nothing more
        },
      },
    ]);
    const ayx = createJobsClient({ baseUrl: srv.baseUrl, auth: { token: "t" }, timeoutMs: 300 });
    const got = await ayx.getJobOutput(JOB, "stall", { format: "Raw" });
    const error = await readAll(got.body).catch((e) => e);
    expect(error).toBeInstanceOf(JobsApiError);
    expect(error).toMatchObject({ kind: "timeout", operationId: "getJobOutput", path: `/v1/jobs/${JOB}/output/stall` });
  });

  it("does not time out a slow reader: the clock runs only while a chunk is awaited", async () => {
    const srv = await server(JOB, [
      {
        id: "steady",
        serve: (res) => {
          res.writeHead(200, { "content-type": "application/octet-stream" });
          let sent = 0;
          const tick = setInterval(() => {
            res.write(Buffer.alloc(1000, sent));
            if (++sent === 4) {
              clearInterval(tick);
              res.end();
            }
          }, 20);
        },
      },
    ]);
    const ayx = createJobsClient({ baseUrl: srv.baseUrl, auth: { token: "t" }, timeoutMs: 250 });
    const got = await ayx.getJobOutput(JOB, "steady", { format: "Raw" });
    const reader = got.body.getReader();
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      await new Promise((resolve) => setTimeout(resolve, 400)); // longer than timeoutMs, between reads
    }
    expect(total).toBe(4000);
  });

  it("a connection cut mid-file is a network error, and the caller's abort rejects with its reason", async () => {
    const srv = await server(JOB, [
      {
        id: "cut",
        serve: (res) => {
          res.writeHead(200, { "content-type": "application/octet-stream", "content-length": "1000" });
          res.write(Buffer.alloc(100), () => res.destroy());
        },
      },
      {
        id: "slow",
        serve: (res) => {
          res.writeHead(200, { "content-type": "application/octet-stream" });
          res.write(Buffer.alloc(100));
        },
      },
    ]);
    const ayx = createJobsClient({ baseUrl: srv.baseUrl, auth: { token: "t" } });
    const cut = await ayx.getJobOutput(JOB, "cut", { format: "Raw" });
    await expect(readAll(cut.body)).rejects.toMatchObject({
      kind: "network",
      operationId: "getJobOutput",
      method: "GET",
    });

    const controller = new AbortController();
    const slow = await ayx.getJobOutput(JOB, "slow", { format: "Raw", signal: controller.signal });
    const reading = readAll(slow.body);
    controller.abort(new Error("stopped by the caller"));
    await expect(reading).rejects.toThrow("stopped by the caller");
  });

  it("reads file names from Content-Disposition as RFC 6266 and 8187 write them", () => {
    expect(fileNameOf('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
    expect(fileNameOf("attachment; filename=plain.csv")).toBe("plain.csv");
    expect(fileNameOf("attachment; filename=\"fallback.csv\"; filename*=UTF-8''R%C3%A9sum%C3%A9.csv")).toBe(
      "Résumé.csv",
    );
    expect(fileNameOf("attachment; filename*=iso-8859-1'en'%A3%20rates.csv")).toBe("£ rates.csv");
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A; filename=ok.csv")).toBe("ok.csv");
    expect(fileNameOf("attachment")).toBeUndefined();
    expect(fileNameOf(null)).toBeUndefined();
  });

  it("uses the job's name for the output, then the output id, when the server sends no Content-Disposition", async () => {
    const { fetch } = fakeFetch((request) =>
      request.url.pathname.includes("/output/")
        ? new Response("x", { status: 200 })
        : json({
            id: JOB,
            status: "Completed",
            outputs: [{ id: "o1", fileName: "Listed.csv", availableFormats: ["Csv"] }],
          }),
    );
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    expect(await ayx.getJobOutput(JOB, "o1")).toMatchObject({ fileName: "Listed.csv", format: "Csv" });
    expect((await ayx.getJobOutput(JOB, "o1", { format: "Csv" })).fileName).toBe("o1");
  });
});
