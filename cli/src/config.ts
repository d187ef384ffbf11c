/**
 * Where the server and the credentials come from, strongest first: flags, environment variables, then a named
 * profile of the config file. The file may hold secrets only while no one else can read it.
 */
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type JobsClientAuth, parseBaseUrl } from "alteryx-jobs-api";
import { CliError, EXIT } from "./exit-codes.js";

export interface Profile {
  url?: string;
  clientId?: string;
  clientSecret?: string;
  token?: string;
  caFile?: string;
}

export interface ConnectionFlags {
  url?: string;
  profile?: string;
  caFile?: string;
}

export interface Connection {
  baseUrl: string;
  auth: JobsClientAuth;
  caFile: string | undefined;
  /** Where each setting came from, for --debug (never the values of secrets). */
  sources: string[];
}

const PROFILE_KEYS = new Set(["url", "clientId", "clientSecret", "token", "caFile"]);
const SECRET_KEYS = ["clientSecret", "token"] as const;

/** The config file: $ALTERYX_JOBS_CONFIG, else alteryx-jobs/config.json in the user's config directory. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ALTERYX_JOBS_CONFIG) return env.ALTERYX_JOBS_CONFIG;
  if (process.platform === "win32")
    return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "alteryx-jobs", "config.json");
  if (process.platform === "darwin")
    return join(homedir(), "Library", "Application Support", "alteryx-jobs", "config.json");
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "alteryx-jobs", "config.json");
}

interface ConfigFile {
  defaultProfile?: string;
  profiles: Record<string, Profile>;
}

function readConfigFile(path: string): ConfigFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(`cannot read the config file ${path}: ${(error as Error).message}`, EXIT.usage);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`the config file ${path} is not valid JSON: ${(error as Error).message}`, EXIT.usage);
  }
  const file = parsed as Partial<ConfigFile>;
  if (typeof file !== "object" || file === null || typeof file.profiles !== "object" || file.profiles === null) {
    throw new CliError(`the config file ${path} must be {"profiles": {"NAME": {"url": ...}}}`, EXIT.usage);
  }
  for (const [name, profile] of Object.entries(file.profiles)) {
    for (const [key, value] of Object.entries(profile ?? {})) {
      if (!PROFILE_KEYS.has(key))
        throw new CliError(
          `the config file ${path}: profile "${name}" has an unknown key "${key}" ` +
            `(known: ${[...PROFILE_KEYS].join(", ")})`,
          EXIT.usage,
        );
      if (typeof value !== "string")
        throw new CliError(`the config file ${path}: "${name}.${key}" must be a string`, EXIT.usage);
    }
  }
  const holdsSecrets = Object.values(file.profiles).some((p) => SECRET_KEYS.some((k) => p?.[k]));
  if (holdsSecrets && process.platform !== "win32") {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      throw new CliError(
        `refusing to read secrets from ${path}: others can read it ` +
          `(mode ${mode.toString(8).padStart(4, "0")}); run: chmod 600 '${path}'`,
        EXIT.usage,
      );
    }
  }
  return file as ConfigFile;
}

/** The profile asked for (--profile, ALTERYX_PROFILE, the file's defaultProfile), or an empty one. */
function chosenProfile(flags: ConnectionFlags, env: NodeJS.ProcessEnv): { name?: string; profile: Profile } {
  const asked = flags.profile ?? env.ALTERYX_PROFILE;
  const path = configPath(env);
  const file = readConfigFile(path);
  if (!file) {
    if (asked) throw new CliError(`no profile "${asked}": there is no config file at ${path}`, EXIT.usage);
    return { profile: {} };
  }
  const name = asked ?? file.defaultProfile;
  if (!name) return { profile: {} };
  const profile = file.profiles[name];
  if (!profile) {
    const known = Object.keys(file.profiles);
    throw new CliError(`no profile "${name}" in ${path} (profiles: ${known.join(", ") || "none"})`, EXIT.usage);
  }
  return { name, profile };
}

export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Connection {
  const { name, profile } = chosenProfile(flags, env);
  const sources: string[] = [];
  const pick = (setting: string, ...candidates: [string, string | undefined][]) => {
    for (const [source, value] of candidates) {
      if (value) {
        sources.push(`${setting} from ${source}`);
        return value;
      }
    }
    return undefined;
  };
  const fromProfile = `profile "${name}"`;
  const baseUrl = pick(
    "url",
    ["--url", flags.url],
    ["ALTERYX_BASE_URL", env.ALTERYX_BASE_URL],
    [fromProfile, profile.url],
  );
  if (!baseUrl)
    throw new CliError(
      "no server: pass --url https://server/webapi, set ALTERYX_BASE_URL, or use --profile",
      EXIT.usage,
    );
  if (parseBaseUrl(baseUrl) === undefined)
    throw new CliError(`the server URL must start with http:// or https://, got "${baseUrl}"`, EXIT.usage);
  const caFile = pick("CA", ["--ca-file", flags.caFile], [fromProfile, profile.caFile]);

  // Credentials travel as a pair: an ID from one place and a secret from another would be a confusing mix.
  const envPair = env.ALTERYX_CLIENT_ID && env.ALTERYX_CLIENT_SECRET;
  let auth: JobsClientAuth;
  if (envPair) {
    auth = { clientId: env.ALTERYX_CLIENT_ID!, clientSecret: env.ALTERYX_CLIENT_SECRET! };
    sources.push("credentials from ALTERYX_CLIENT_ID/ALTERYX_CLIENT_SECRET");
  } else if (env.ALTERYX_TOKEN) {
    auth = { token: env.ALTERYX_TOKEN };
    sources.push("token from ALTERYX_TOKEN");
  } else if (profile.clientId && profile.clientSecret) {
    auth = { clientId: profile.clientId, clientSecret: profile.clientSecret };
    sources.push(`credentials from ${fromProfile}`);
  } else if (profile.token) {
    auth = { token: profile.token };
    sources.push(`token from ${fromProfile}`);
  } else {
    const half = env.ALTERYX_CLIENT_ID
      ? "ALTERYX_CLIENT_SECRET is not set"
      : env.ALTERYX_CLIENT_SECRET
        ? "ALTERYX_CLIENT_ID is not set"
        : "";
    throw new CliError(
      `no credentials${half ? ` (${half})` : ""}: set ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET ` +
        "(API access key and secret), or ALTERYX_TOKEN, or use --profile",
      EXIT.usage,
    );
  }
  return { baseUrl, auth, caFile, sources };
}
