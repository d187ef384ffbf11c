/**
 * The README's custom-CA recipe (examples/custom-ca.ts), tested: a CA and a server certificate for
 * 127.0.0.1/localhost made with openssl at test time, a node:https server using them, and the client with and
 * without the CA.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobsClient, JobsApiError } from "../../src/index.js";
import { job, JOB_ID } from "./hostile-server.js";
import { everythingShown } from "./support.js";

const SECRET = "tls-secret-Hq3Vb8Np";
const TOKEN = "tls-token-Lm5Rt2Wz";

function findOpenssl(): string | undefined {
  if (existsSync("/usr/bin/openssl")) return "/usr/bin/openssl";
  return (process.env.PATH ?? "")
    .split(delimiter)
    .map((dir) => join(dir, "openssl"))
    .find((p) => existsSync(p));
}
const openssl = findOpenssl();

describe.skipIf(!openssl)(
  `a server with its own CA${openssl ? "" : " (skipped: openssl was not found on this machine)"}`,
  () => {
    let dir: string;
    let server: Server;
    let otherCa: Buffer;
    let ca: Buffer;
    let baseUrl: string;
    let wrongNameUrl: string;
    let wrongName: Server;
    const sockets = new Set<Socket>();
    const agents: Agent[] = [];

    /** Runs openssl in the temp dir. */
    const run = (...args: string[]) => execFileSync(openssl!, args, { cwd: dir, stdio: "pipe" });
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

    function makeCa(name: string) {
      run(
        "req",
        "-x509",
        ...ec,
        "-keyout",
        `${name}.key`,
        "-out",
        `${name}.pem`,
        "-days",
        "2",
        "-subj",
        `/CN=${name}`,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
      );
    }
    function makeLeaf(name: string, caName: string, altNames: string) {
      writeFileSync(
        join(dir, `${name}.ext`),
        [
          "basicConstraints=CA:FALSE",
          "keyUsage=critical,digitalSignature,keyEncipherment",
          "extendedKeyUsage=serverAuth",
          `subjectAltName=${altNames}`,
          "",
        ].join("\n"),
      );
      run("req", ...ec, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`);
      run(
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        `${caName}.pem`,
        "-CAkey",
        `${caName}.key`,
        "-CAcreateserial",
        "-out",
        `${name}.pem`,
        "-days",
        "2",
        "-extfile",
        `${name}.ext`,
      );
    }

    function serve(name: string): Promise<{ server: Server; port: number }> {
      const s = createServer(
        { key: readFileSync(join(dir, `${name}.key`)), cert: readFileSync(join(dir, `${name}.pem`)) },
        (req, res) => {
          const body = req.url?.endsWith("/oauth2/token")
            ? { access_token: TOKEN, token_type: "bearer", expires_in: 3600 }
            : req.url?.includes("/v3/jobs?")
              ? {
                  data: [],
                  pagination: {
                    currentPage: 1,
                    pageSize: 1,
                    totalItems: 0,
                    totalPages: 0,
                    hasNextPage: false,
                    hasPreviousPage: false,
                  },
                }
              : job(JOB_ID);
          req.resume();
          req.on("end", () => {
            const text = JSON.stringify(body);
            res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
            res.end(text);
          });
        },
      );
      s.on("connection", (socket: Socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      s.on("tlsClientError", () => undefined); // the refusing client hangs up mid-handshake: expected
      return new Promise((resolve) =>
        s.listen(0, "127.0.0.1", () => resolve({ server: s, port: (s.address() as { port: number }).port })),
      );
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "ayx-tls-"));
      makeCa("test-ca");
      makeCa("other-ca");
      makeLeaf("server", "test-ca", "IP:127.0.0.1,DNS:localhost");
      makeLeaf("elsewhere", "test-ca", "DNS:alteryx.elsewhere.example");
      ca = readFileSync(join(dir, "test-ca.pem"));
      otherCa = readFileSync(join(dir, "other-ca.pem"));
      const main = await serve("server");
      server = main.server;
      baseUrl = `https://127.0.0.1:${main.port}/webapi`;
      const wrong = await serve("elsewhere");
      wrongName = wrong.server;
      wrongNameUrl = `https://127.0.0.1:${wrong.port}/webapi`;
    });

    afterAll(async () => {
      await Promise.all(agents.map((a) => a.close()));
      for (const s of sockets) s.destroy();
      await Promise.all([server, wrongName].filter(Boolean).map((s) => new Promise((resolve) => s.close(resolve))));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The README recipe: undici's Agent with the CA, passed through a fetch wrapper. */
    function recipeFetch(trusted: Buffer): typeof globalThis.fetch {
      const dispatcher = new Agent({ connect: { ca: trusted } });
      agents.push(dispatcher);
      return (input, init) =>
        undiciFetch(input as string, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
    }

    it("with the CA supplied, the client reaches the server: a job and a page come back", async () => {
      const ayx = createJobsClient({
        baseUrl,
        auth: { clientId: "key", clientSecret: SECRET },
        fetch: recipeFetch(ca),
        timeoutMs: 5_000,
      });
      await expect(ayx.getJob(JOB_ID)).resolves.toMatchObject({ id: JOB_ID, status: "Running" });
      expect((await ayx.listJobs({ limit: 1 })).pagination.totalItems).toBe(0);
    });

    it("the recipe also works for the name in the certificate (localhost)", async () => {
      const ayx = createJobsClient({
        baseUrl: baseUrl.replace("127.0.0.1", "localhost"),
        auth: { token: TOKEN },
        fetch: recipeFetch(ca),
        timeoutMs: 5_000,
      });
      await expect(ayx.getJob(JOB_ID)).resolves.toMatchObject({ id: JOB_ID });
    });

    it.each([
      ["without the CA (the global fetch)", () => undefined],
      ["with another CA", () => recipeFetch(otherCa)],
    ])("%s, the client rejects with kind network and a cause about the certificate", async (_, fetch) => {
      const custom = fetch();
      const ayx = createJobsClient({
        baseUrl,
        auth: { clientId: "key", clientSecret: SECRET },
        ...(custom ? { fetch: custom } : {}),
        retry: 0,
        timeoutMs: 5_000,
      });
      const error = await ayx.getJob(JOB_ID).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobsApiError);
      expect(error).toMatchObject({ kind: "network", operationId: "requestToken" });
      const shown = everythingShown(error);
      const codes = [
        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
      ].join("|");
      expect((error as Error).message).toMatch(
        new RegExp(`could not reach the server at https://127\\.0\\.0\\.1:\\d+ \\((${codes})\\)`),
      );
      expect(shown).toMatch(/certificate/i);
      expect(shown).not.toContain(SECRET);
    });

    it("a certificate for another name is refused even with the right CA", async () => {
      const ayx = createJobsClient({
        baseUrl: wrongNameUrl,
        auth: { token: TOKEN },
        fetch: recipeFetch(ca),
        retry: 0,
        timeoutMs: 5_000,
      });
      const error = await ayx.getJob(JOB_ID).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "network", operationId: "getJob" });
      expect(everythingShown(error)).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID|altnames/i);
      expect(everythingShown(error)).not.toContain(TOKEN);
    });
  },
);
