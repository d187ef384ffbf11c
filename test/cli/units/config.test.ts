/** Where the server and credentials come from (cli/src/config.ts): flags, environment, then a private profile. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configPath, resolveConnection } from "../../../cli/src/config.js";

const dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-config-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function configFile(content: unknown, mode = 0o600): string {
  const path = join(dir, `config-${++files}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

const PROFILES = {
  defaultProfile: "prod",
  profiles: {
    prod: { url: "https://prod.example.com/webapi", clientId: "prod-id", clientSecret: "prod-secret" },
    test: { url: "https://test.example.com/webapi", token: "test-token", caFile: "/etc/ssl/test-ca.pem" },
    bare: { url: "https://bare.example.com/webapi" },
  },
};

describe.skipIf(process.platform === "win32")("configPath", () => {
  it("is ALTERYX_JOBS_CONFIG, else alteryx-jobs/config.json in the config directory", () => {
    expect(configPath({ ALTERYX_JOBS_CONFIG: "/x/c.json" })).toBe("/x/c.json");
    if (process.platform === "linux") {
      expect(configPath({ XDG_CONFIG_HOME: "/xdg" })).toBe("/xdg/alteryx-jobs/config.json");
      expect(configPath({})).toBe(join(homedir(), ".config", "alteryx-jobs", "config.json"));
    }
  });
});

describe("resolveConnection", () => {
  const env = (over: Record<string, string> = {}) => ({ ALTERYX_JOBS_CONFIG: join(dir, "none.json"), ...over });

  it("takes the environment without a file, and says where each setting came from (no values)", () => {
    const c = resolveConnection(
      {},
      env({ ALTERYX_BASE_URL: "https://a.example.com/webapi", ALTERYX_CLIENT_ID: "id", ALTERYX_CLIENT_SECRET: "s3" }),
    );
    expect(c).toEqual({
      baseUrl: "https://a.example.com/webapi",
      auth: { clientId: "id", clientSecret: "s3" },
      caFile: undefined,
      sources: ["url from ALTERYX_BASE_URL", "credentials from ALTERYX_CLIENT_ID/ALTERYX_CLIENT_SECRET"],
    });
    expect(c.sources.join(" ")).not.toContain("s3");
  });

  it("reads the file's default profile, or the one --profile or ALTERYX_PROFILE names", () => {
    const path = configFile(PROFILES);
    expect(resolveConnection({}, env({ ALTERYX_JOBS_CONFIG: path }))).toMatchObject({
      baseUrl: "https://prod.example.com/webapi",
      auth: { clientId: "prod-id", clientSecret: "prod-secret" },
      sources: ['url from profile "prod"', 'credentials from profile "prod"'],
    });
    expect(resolveConnection({ profile: "test" }, env({ ALTERYX_JOBS_CONFIG: path }))).toEqual({
      baseUrl: "https://test.example.com/webapi",
      auth: { token: "test-token" },
      caFile: "/etc/ssl/test-ca.pem",
      sources: ['url from profile "test"', 'CA from profile "test"', 'token from profile "test"'],
    });
    const byEnv = resolveConnection({}, env({ ALTERYX_JOBS_CONFIG: path, ALTERYX_PROFILE: "test" }));
    expect(byEnv.baseUrl).toBe("https://test.example.com/webapi");
    // --profile wins over ALTERYX_PROFILE.
    const both = resolveConnection({ profile: "prod" }, env({ ALTERYX_JOBS_CONFIG: path, ALTERYX_PROFILE: "test" }));
    expect(both.baseUrl).toBe("https://prod.example.com/webapi");
  });

  it("flags win over the environment, the environment over the profile", () => {
    const path = configFile(PROFILES);
    const c = resolveConnection(
      { url: "https://flag.example.com/webapi", profile: "test", caFile: "/flag-ca.pem" },
      env({ ALTERYX_JOBS_CONFIG: path, ALTERYX_BASE_URL: "https://env.example.com/webapi", ALTERYX_TOKEN: "env-t" }),
    );
    expect(c).toMatchObject({
      baseUrl: "https://flag.example.com/webapi",
      auth: { token: "env-t" },
      caFile: "/flag-ca.pem",
    });
    const noFlag = resolveConnection(
      { profile: "test" },
      env({ ALTERYX_JOBS_CONFIG: path, ALTERYX_BASE_URL: "https://env.example.com/webapi" }),
    );
    expect(noFlag.baseUrl).toBe("https://env.example.com/webapi");
    expect(noFlag.auth).toEqual({ token: "test-token" });
  });

  it("takes credentials as a pair: key and secret first, then a token; never half from each place", () => {
    const path = configFile(PROFILES);
    const both = env({ ALTERYX_CLIENT_ID: "id", ALTERYX_CLIENT_SECRET: "s", ALTERYX_TOKEN: "t" });
    expect(resolveConnection({ url: "http://h/webapi" }, both).auth).toEqual({ clientId: "id", clientSecret: "s" });
    // Half a pair in the environment: the profile's whole pair is used, not a mix.
    const half = env({ ALTERYX_JOBS_CONFIG: path, ALTERYX_CLIENT_ID: "env-id" });
    expect(resolveConnection({}, half).auth).toEqual({ clientId: "prod-id", clientSecret: "prod-secret" });
  });

  it.each([
    [{}, {}, "no server: pass --url https://server/webapi, set ALTERYX_BASE_URL, or use --profile"],
    [{ url: "ftp://example.com" }, { ALTERYX_TOKEN: "t" }, 'must start with http:// or https://, got "ftp://'],
    [{ url: "https://h/webapi" }, {}, "no credentials: set ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET"],
    [{ url: "https://h/webapi" }, { ALTERYX_CLIENT_ID: "i" }, "no credentials (ALTERYX_CLIENT_SECRET is not set)"],
    [{ url: "https://h/webapi" }, { ALTERYX_CLIENT_SECRET: "s" }, "no credentials (ALTERYX_CLIENT_ID is not set)"],
    [{ profile: "prod" }, {}, 'no profile "prod": there is no config file at'],
  ])("refuses %j with %j (exit code 2)", (flags, vars, message) => {
    expect(() => resolveConnection(flags, env(vars))).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => resolveConnection(flags, env(vars))).toThrow(message);
  });

  it("names the profiles there are when the one asked for is missing; a profile without credentials is refused", () => {
    const path = configFile(PROFILES);
    expect(() => resolveConnection({ profile: "staging" }, env({ ALTERYX_JOBS_CONFIG: path }))).toThrow(
      `no profile "staging" in ${path} (profiles: prod, test, bare)`,
    );
    expect(() => resolveConnection({ profile: "bare" }, env({ ALTERYX_JOBS_CONFIG: path }))).toThrow(
      /^no credentials: /,
    );
  });

  it.each([
    ["{ not json", /is not valid JSON/],
    [{ profiles: null }, /must be \{"profiles": /],
    [{ nothing: {} }, /must be \{"profiles": \{"NAME": \{"url": \.\.\.\}\}\}/],
    [{ profiles: { p: { url: "u", password: "x" } } }, /profile "p" has an unknown key "password" \(known: url, /],
    [{ profiles: { p: { url: 5 } } }, /"p\.url" must be a string/],
  ])("refuses a broken file: %j", (content, message) => {
    const path = configFile(content);
    expect(() => resolveConnection({}, env({ ALTERYX_JOBS_CONFIG: path }))).toThrow(message);
  });

  it.skipIf(process.platform === "win32")("reads secrets only from a file no one else can read", () => {
    for (const mode of [0o644, 0o640, 0o604]) {
      const path = configFile(PROFILES, mode);
      expect(() => resolveConnection({}, env({ ALTERYX_JOBS_CONFIG: path }))).toThrow(
        `refusing to read secrets from ${path}: others can read it (mode 0${mode.toString(8)}); ` +
          `run: chmod 600 '${path}'`,
      );
    }
    // A file without secrets may be shared.
    const shared = configFile({ defaultProfile: "bare", profiles: { bare: PROFILES.profiles.bare } }, 0o644);
    expect(resolveConnection({}, env({ ALTERYX_JOBS_CONFIG: shared, ALTERYX_TOKEN: "t" })).baseUrl).toBe(
      "https://bare.example.com/webapi",
    );
  });
});
