/** Builds the library's client from the resolved configuration: private CA, debug lines. */
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { createJobsClient, type JobsClient } from "alteryx-jobs-api";
import { type Connection, type ConnectionFlags, resolveConnection } from "./config.js";
import { CliError, EXIT } from "./exit-codes.js";

export interface GlobalFlags extends ConnectionFlags {
  debug?: boolean;
}

/** PEM certificates from a file, or a clear error; used for --ca-file and NODE_EXTRA_CA_CERTS. */
function readPem(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      EXIT.usage,
    );
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----"))
    throw new CliError(`${what} ${path} holds no PEM certificate`, EXIT.usage);
  return text;
}

/**
 * A fetch that trusts the public CAs, NODE_EXTRA_CA_CERTS and the given CA file. Node's own fetch already
 * trusts NODE_EXTRA_CA_CERTS, so undici is loaded only when --ca-file is given.
 */
async function fetchTrusting(caFile: string): Promise<typeof fetch> {
  const { Agent, fetch: undiciFetch } = await import("undici");
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  const ca = [
    ...rootCertificates,
    readPem(caFile, "the CA file"),
    ...(extra ? [readPem(extra, "NODE_EXTRA_CA_CERTS")] : []),
  ];
  const dispatcher = new Agent({ connect: { ca } });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

export interface Connected {
  client: JobsClient;
  connection: Connection;
}

export async function connect(flags: GlobalFlags): Promise<Connected> {
  const connection = resolveConnection(flags);
  const debug = flags.debug ? (line: string) => process.stderr.write(`debug: ${line}\n`) : undefined;
  for (const source of connection.sources) debug?.(source);
  const client = createJobsClient({
    baseUrl: connection.baseUrl,
    auth: connection.auth,
    ...(connection.caFile ? { fetch: await fetchTrusting(connection.caFile) } : {}),
    ...(debug ? { debug } : {}),
  });
  return { client, connection };
}
