// Builds dist/docs/index.html: the reference docs as one self-contained HTML file that works opened
// from disk (file://) with no network. `redocly build-docs --inlineBundle` embeds Redoc's script and
// the telemetry is turned off (REDOCLY_TELEMETRY=off and Redoc's `disableTelemetry` option); then
// the page is post-processed (see ./docs/offline.mjs) so that it loads nothing from another host.
// Usage: node scripts/docs.mjs [--out dist/docs/index.html] [--quiet]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "yaml";
import { withEvidence } from "./docs/evidence.mjs";
import { makeOffline, withSearchableDescriptions } from "./docs/offline.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const outArg = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
const quiet = args.includes("--quiet");
const out = resolve(root, outArg ?? "dist/docs/index.html");
const spec = resolve(root, "generated/openapi.yaml");
const bin = (name) => resolve(root, "node_modules/.bin", name);
const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" };
const log = (...a) => quiet || console.log(...a);

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, env, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? "");
    process.stderr.write(r.stderr ?? "");
    console.error(`\n${[cmd, ...cmdArgs].join(" ")} failed (exit ${r.status ?? r.signal ?? r.error?.message})`);
    process.exit(1);
  }
  return r;
}

if (!existsSync(spec)) {
  log("generated/openapi.yaml is missing: running `npm run bundle`");
  run("npm", ["run", "--silent", "bundle"]);
}

// Redoc options. Passing --openapi replaces the `openapi:` options of redocly.yaml, so start from those.
const config = existsSync(resolve(root, "redocly.yaml"))
  ? parse(readFileSync(resolve(root, "redocly.yaml"), "utf8"))
  : {};
const doc = parse(readFileSync(spec, "utf8"));
const options = {
  ...(config?.openapi ?? {}),
  disableTelemetry: true,
  // Redoc 3 shows only the x-codeSamples whose label (or lang) is in this list: every sample of the
  // spec, in order of first appearance, then "Payload" (the request body example).
  codeSamples: { ...(config?.openapi?.codeSamples ?? {}), languages: codeSampleLanguages(doc) },
};

// The page renders a copy of the bundle whose contact is the project's repository (package.json), or none:
// until the package is published, a link to its npm page would lead nowhere.
// The ledger's evidence is shown too: inferred sentences marked, and an Evidence section (./docs/evidence.mjs).
// Its descriptions have soft line breaks as spaces, so that the search's snippets keep the spaces between words.
const page = withSearchableDescriptions(withEvidence({ ...doc, info: withRepositoryContact(doc.info) }));
const work = mkdtempSync(join(tmpdir(), "alteryx-jobs-docs-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const pageSpec = join(work, "openapi.json");
writeFileSync(pageSpec, JSON.stringify(page));
mkdirSync(dirname(out), { recursive: true });
run(bin("redocly"), ["build-docs", pageSpec, "--inlineBundle", "--openapi", JSON.stringify(options), "-o", out]);

const { html, report } = makeOffline(readFileSync(out, "utf8"));
writeFileSync(out, html);

/** `info` with its contact pointing at package.json's `repository` URL, or without a contact if there is none. */
function withRepositoryContact(info) {
  const { contact, ...rest } = info ?? {};
  const { repository } = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8"));
  const url = (typeof repository === "string" ? repository : repository?.url)
    ?.replace(/^git\+/, "")
    .replace(/\.git$/, "");
  return url ? { ...rest, contact: { name: contact?.name ?? "Repository", url } } : rest;
}

/** The distinct {lang, label} pairs of every operation's x-codeSamples, then Payload. */
function codeSampleLanguages(api) {
  const seen = new Map();
  for (const item of Object.values(api.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      for (const { lang, label } of op?.["x-codeSamples"] ?? []) {
        const key = (label ?? lang).toLowerCase();
        if (!seen.has(key)) seen.set(key, label ? { lang, label } : { lang });
      }
    }
  }
  return [...seen.values(), { lang: "Payload" }];
}

const kib = (statSync(out).size / 1024).toFixed(0);
log(`Docs: ${relative(process.cwd(), out) || out} (${kib} KiB, works offline)`);
log(`Open: ${pathToFileURL(out).href}`);
for (const line of report) log(`  ${line}`);
