// `npm start`: everything a newcomer needs to look at and poke the API, offline.
// 1. generates what is missing (generated/ is normally committed), 2. builds the reference docs,
// 3. starts the Prism mock on 127.0.0.1:$PORT (default 4010), 4. prints the docs path, the mock URL and a curl.
// Ctrl-C (SIGINT) or SIGTERM stops Prism and exits 0; if Prism dies on its own, this exits 1 with its output.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "yaml";
import { startPrism } from "../cli/src/conformance/prism.js";
import { deref as derefIn } from "../src/json-pointer.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const host = "127.0.0.1";
const port = Number(process.env.PORT || 4010);
const spec = resolve(root, "generated/openapi.yaml");
const docs = resolve(root, "dist/docs/index.html");
const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" };

function fail(message: string, details = ""): never {
  if (details) process.stderr.write(details.endsWith("\n") ? details : `${details}\n`);
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function step(label: string, cmd: string, args: string[]) {
  process.stdout.write(`${label}... `);
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: "utf8" });
  if (r.status !== 0) {
    console.log("failed");
    fail(`${[cmd, ...args].join(" ")} exited with ${r.status ?? r.signal}`, `${r.stdout ?? ""}${r.stderr ?? ""}`);
  }
  console.log("done");
}

if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}"`);

// The port first (before the slow steps): otherwise we might "find" another server answering on it.
await new Promise<void>((ok) => {
  const probe = createServer();
  probe.once("error", (e: NodeJS.ErrnoException) =>
    fail(
      e.code === "EADDRINUSE"
        ? `port ${port} on ${host} is in use: run with another one, e.g. PORT=${port + 1} npm start`
        : `cannot listen on ${host}:${port}: ${e.message}`,
    ),
  );
  probe.listen(port, host, () => probe.close(() => ok()));
});

if (!existsSync(spec) || !existsSync(resolve(root, "generated/schema.d.ts"))) {
  step("Generating generated/ from spec/ (npm run generate)", "npm", ["run", "--silent", "generate"]);
}
step("Building the reference docs", process.execPath, [resolve(root, "scripts/docs.mjs"), "--quiet"]);

process.stdout.write("Starting the mock server (Prism)... ");
const prism = await startPrism({ port }).catch((e: Error) => fail("the mock server did not start", e.message));
console.log("done");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the mock server...");
  await prism.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop());
void prism.exited.then(({ code, signal }) => {
  if (stopping) return;
  fail(`the mock server (Prism) exited on its own (${signal ?? `code ${code}`}).`, prism.output());
});

const doc = parse(readFileSync(spec, "utf8"));
type Example = { $ref?: string; value?: { data?: { status?: string }[] } };
const examples: Record<string, Example> =
  doc.paths?.["/v3/jobs"]?.get?.responses?.["200"]?.content?.["application/json"]?.examples ?? {};
const names = Object.keys(examples);
const deref = (e: Example) => derefIn<Example>(doc, e);
const OTHERS = `${names.join(", ")}; an error: -H 'Prefer: code=401'.`;
// Prism answers from the spec's examples and does not filter: name the example whose jobs match the filter.
const statuses = ["Queued", "Running"];
const matching = names.find((name) => {
  const jobs = deref(examples[name]!).value?.data ?? [];
  return jobs.length > 0 && jobs.every((job) => statuses.includes(job.status ?? ""));
});
const curl =
  `curl -s '${prism.url}/v3/jobs?statuses=${statuses.join(",")}&limit=5' -H 'Authorization: Bearer any-token'` +
  (matching ? ` -H 'Prefer: example=${matching}'` : "");
console.log(`
${doc.info?.title ?? "API"} ${doc.info?.version ?? ""}: docs and mock server are ready.

  Docs (one file, works offline):
    ${docs}
    ${pathToFileURL(docs).href}

  Mock server (Prism, answers with the spec's examples): ${prism.url}
    It serves the spec's paths at its root, without the /webapi base path of a real server.

  Try it:
    ${curl}
${names.length ? `\n  Other examples: -H 'Prefer: example=NAME' with NAME one of ${OTHERS}\n` : ""}
  Ctrl-C stops the mock server.
`);
