// `npm start`: everything a newcomer needs to look at and poke the API, offline.
// 1. generates what is missing (generated/openapi.yaml and the types; normally committed),
// 2. builds the reference docs (dist/docs/index.html, works from file://),
// 3. starts the Prism mock server on 127.0.0.1:$PORT (default 4010) and waits until it answers,
// 4. prints where the docs are, the mock's URL and a curl to try.
// Ctrl-C (SIGINT) or SIGTERM stops Prism (its whole process group) and exits; if Prism dies on its
// own, this exits non-zero with Prism's output.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const host = "127.0.0.1";
const port = Number(process.env.PORT || 4010);
const spec = resolve(root, "generated/openapi.yaml");
const docs = resolve(root, "dist/docs/index.html");
const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" };

function fail(message, details = "") {
  if (details) process.stderr.write(details.endsWith("\n") ? details : `${details}\n`);
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function step(label, cmd, args) {
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
await new Promise((ok) => {
  const probe = createServer();
  probe.once("error", (e) =>
    fail(e.code === "EADDRINUSE" ? `port ${port} on ${host} is in use: run with another one, e.g. PORT=${port + 1} npm start` : `cannot listen on ${host}:${port}: ${e.message}`),
  );
  probe.listen(port, host, () => probe.close(ok));
});

// 1. What is normally committed, but may be missing in a fresh or cleaned checkout.
if (!existsSync(spec) || !existsSync(resolve(root, "generated/schema.d.ts"))) {
  step("Generating generated/ from spec/ (npm run generate)", "npm", ["run", "--silent", "generate"]);
}

// 2. The docs.
step("Building the reference docs", process.execPath, [resolve(root, "scripts/docs.mjs"), "--quiet"]);

// 3. The mock.
const prismBin = resolve(root, "node_modules/.bin/prism");
if (!existsSync(prismBin)) fail("node_modules/.bin/prism is missing: run npm install (or npm ci)");
// detached: Prism gets its own process group, so that stopping it can take down anything it forks.
const prism = spawn(prismBin, ["mock", spec, "--errors", "-h", host, "-p", String(port)], {
  cwd: root,
  env,
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
});
const prismExited = new Promise((ok) => prism.once("exit", (code, signal) => ok({ code, signal })));
prism.once("error", (e) => fail(`could not start Prism: ${e.message}`));

let ready = false;
let stopping = false;
let early = "";
const forward = (stream) => (chunk) => {
  if (!ready) early += chunk;
  else for (const line of String(chunk).split("\n")) if (line.trim()) stream.write(`[prism] ${line}\n`);
};
prism.stdout.on("data", forward(process.stdout));
prism.stderr.on("data", forward(process.stderr));

const killGroup = (signal) => {
  try {
    process.kill(-prism.pid, signal);
  } catch {
    // already gone
  }
};

async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  if (prism.exitCode === null && prism.signalCode === null) {
    console.log("\nStopping the mock server...");
    killGroup("SIGTERM");
    const force = setTimeout(() => killGroup("SIGKILL"), 3_000);
    await prismExited;
    clearTimeout(force);
  }
  killGroup("SIGKILL"); // anything Prism forked that outlived it
  process.exit(exitCode);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
process.on("SIGHUP", () => void stop(0));
// Last resort (an exception, process.exit elsewhere): never leave Prism running.
process.on("exit", () => killGroup("SIGKILL"));

prismExited.then(({ code, signal }) => {
  if (stopping) return;
  stopping = true;
  killGroup("SIGKILL");
  if (early) process.stderr.write(early);
  console.error(`npm start: the mock server (Prism) exited on its own (${signal ?? `code ${code}`}).`);
  process.exit(1);
});

// Wait until Prism answers HTTP (any status: without a token it answers 401).
const mockUrl = `http://${host}:${port}`;
const deadline = Date.now() + 60_000;
for (;;) {
  if (stopping) await new Promise(() => {}); // exiting
  try {
    await fetch(`${mockUrl}/v3/jobs`, { signal: AbortSignal.timeout(1_000) });
    break;
  } catch {
    if (Date.now() > deadline) {
      if (early) process.stderr.write(early);
      console.error(`npm start: the mock server did not answer on ${mockUrl} within 60 s.`);
      await stop(1);
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
}
ready = true;
early = "";

// 4. What to do next.
const doc = parse(readFileSync(spec, "utf8"));
const examples = Object.keys(doc.paths?.["/v3/jobs"]?.get?.responses?.["200"]?.content?.["application/json"]?.examples ?? {});
const curl = `curl -s '${mockUrl}/v3/jobs?statuses=Queued,Running&limit=5' -H 'Authorization: Bearer any-token'`;
console.log(`
${doc.info?.title ?? "API"} ${doc.info?.version ?? ""}: docs and mock server are ready.

  Docs (one file, works offline):
    ${docs}
    ${pathToFileURL(docs).href}

  Mock server (Prism, answers with the spec's examples): ${mockUrl}
    It serves the spec's paths at its root, without the /webapi base path of a real server.

  Try it:
    ${curl}
${examples.length ? `\n  Another example: add -H 'Prefer: example=${examples.at(-1)}' (${examples.join(", ")}); an error: -H 'Prefer: code=401'.\n` : ""}
  Ctrl-C stops the mock server.
`);
