/** A loopback server for job outputs: a job with the outputs a test gives, each answered by the test's handler. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface OutputSpec {
  id: string;
  fileName?: string;
  availableFormats?: string[];
  /** Answers GET /v1/jobs/{jobId}/output/{id}. */
  serve: (response: ServerResponse, request: IncomingMessage, format: string | null) => void;
}

export async function startOutputServer(jobId: string, outputs: OutputSpec[]) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    seen.push(`${request.method} ${url.pathname}${url.search}`);
    if (url.pathname === `/webapi/v3/jobs/${jobId}`) {
      const listed = outputs.map(({ id, fileName, availableFormats }) => ({ id, fileName, availableFormats }));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: jobId, status: "Completed", disposition: "Success", outputs: listed }));
      return;
    }
    const output = outputs.find((o) => url.pathname === `/webapi/v1/jobs/${jobId}/output/${encodeURIComponent(o.id)}`);
    if (!output) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: "Output not found." }));
      return;
    }
    output.serve(response, request, url.searchParams.get("format"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/webapi`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Deterministic bytes of a given size, so that what arrives can be compared with what was sent. */
export function bytesOf(size: number, seed = 1): Buffer {
  const buffer = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buffer[i] = x >>> 24;
  }
  return buffer;
}
