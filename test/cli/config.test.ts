/** Where the CLI finds its server and credentials: flags, environment, profiles (kept private), a private CA. */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli, type SimTarget, simTarget } from "./helpers.js";

// Each test spawns `alteryx-jobs` (a Node start-up each): slow on a busy machine, never a measure of speed.
vi.setConfig({ testTimeout: 60_000 });

let t: SimTarget;
let dir: string;
beforeAll(async () => {
  t = await simTarget({ jobs: 50 });
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-config-"));
});
afterAll(async () => {
  await t.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function configFile(content: unknown, mode: number): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

const profiles = () => ({
  defaultProfile: "sim",
  profiles: {
    sim: { url: t.sim.url, clientId: t.env.ALTERYX_CLIENT_ID, clientSecret: t.env.ALTERYX_CLIENT_SECRET },
    artisan: {
      url: t.sim.url,
      clientId: t.artisanEnv.ALTERYX_CLIENT_ID,
      clientSecret: t.artisanEnv.ALTERYX_CLIENT_SECRET,
    },
    nowhere: { url: "http://127.0.0.1:9/webapi", token: "profile-token-123456" },
  },
});

describe("configuration (end to end; every rule of config.ts: units/config.test.ts)", () => {
  it("reads the default profile, or the one --profile names, from a private file", async () => {
    const path = configFile(profiles(), 0o600);
    const [byDefault, named] = await Promise.all([
      runCli(["list", "--limit", "1"], { ALTERYX_JOBS_CONFIG: path }),
      runCli(["--profile", "artisan", "list", "--limit", "1"], { ALTERYX_JOBS_CONFIG: path }),
    ]);
    expect(byDefault.code).toBe(0);
    expect(named.code).toBe(3); // an Artisan may not list the queue: the profile was used
    expect(named.stderr).toMatch(/Only Curators can view the jobs in the queue/);
  });

  it("refuses to read secrets from a file others can read, in one line with the fix; exit code 2", async () => {
    const path = configFile(profiles(), 0o644);
    const r = await runCli(["list"], { ALTERYX_JOBS_CONFIG: path });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `alteryx-jobs: error: refusing to read secrets from ${path}: others can read it (mode 0644); ` +
        `run: chmod 600 '${path}'\n`,
    );
  });

  it("never prints a secret, --debug included, even when the server refuses it", async () => {
    const secret = "cli-secret-Zq8Vn3Lp";
    const r = await runCli(["--debug", "list"], {
      ALTERYX_BASE_URL: t.sim.url,
      ALTERYX_CLIENT_ID: t.env.ALTERYX_CLIENT_ID,
      ALTERYX_CLIENT_SECRET: secret,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^debug: credentials from ALTERYX_CLIENT_ID\/ALTERYX_CLIENT_SECRET$/m);
    expect(r.stderr).toMatch(/^debug: POST \/oauth2\/token -> 401/m);
    expect(r.stderr).toMatch(/^JobsApiError: /m); // the stack, with --debug
    expect(r.stdout + r.stderr).not.toContain(secret);
    const token = await runCli(["--debug", "get", "nope"], {
      ALTERYX_BASE_URL: t.sim.url,
      ALTERYX_TOKEN: "cli-token-Hh4Kk9Ww",
    });
    expect(token.code).toBe(3);
    expect(token.stdout + token.stderr).not.toContain("cli-token-Hh4Kk9Ww");
  });
});

const openssl = ["/usr/bin/openssl", "/bin/openssl"].find(existsSync);

describe.skipIf(!openssl)(`--ca-file${openssl ? "" : " (skipped: openssl was not found)"}`, () => {
  let server: Server;
  let url: string;
  let caPath: string;

  beforeAll(async () => {
    const run = (...args: string[]) => execFileSync(openssl!, args, { cwd: dir, stdio: "pipe" });
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run(
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=cli test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    );
    writeFileSync(
      join(dir, "leaf.ext"),
      "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n",
    );
    run("req", ...ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=127.0.0.1");
    run(
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "leaf.pem",
      "-days",
      "2",
      "-extfile",
      "leaf.ext",
    );
    caPath = join(dir, "ca.pem");
    // HTTPS in front of the simulator, with a certificate from the private CA.
    const upstream = new URL(t.sim.url);
    server = createServer(
      { key: readFileSync(join(dir, "leaf.key")), cert: readFileSync(join(dir, "leaf.pem")) },
      (req, res) => {
        const forward = httpRequest(
          { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        req.pipe(forward);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}/webapi`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("trusts the private CA given by --ca-file or NODE_EXTRA_CA_CERTS, and nothing else", async () => {
    const env = { ...t.env, ALTERYX_BASE_URL: url };
    const [untrusted, withFlag, withEnv, notPem] = await Promise.all([
      runCli(["list", "--limit", "1"], env),
      runCli(["--ca-file", caPath, "list", "--limit", "1", "--json"], env),
      runCli(["list", "--limit", "1", "--json"], { ...env, NODE_EXTRA_CA_CERTS: caPath }),
      runCli(["--ca-file", join(dir, "leaf.ext"), "list"], env),
    ]);
    expect(untrusted.code).toBe(5);
    expect(untrusted.stderr).toMatch(/certificate|self-signed|UNABLE_TO_VERIFY/i);
    expect(untrusted.stderr).toMatch(/--ca-file/);
    expect(withFlag.code).toBe(0);
    expect((JSON.parse(withFlag.stdout) as { pagination: { totalItems: number } }).pagination.totalItems).toBe(50);
    expect(withEnv.code).toBe(0);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toMatch(/holds no PEM certificate/);
  });
});
