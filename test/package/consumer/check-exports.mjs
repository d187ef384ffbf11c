// Imports every entry of an installed package's `exports` map (the package named by the first argument, else the
// library), as a consumer would, and prints one JSON line per entry: { subpath, ok, detail } (detail: what was
// found, or the error's message).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const NAME = process.argv[2] ?? "alteryx-jobs-api";
const manifest = JSON.parse(await readFile(fileURLToPath(import.meta.resolve(`${NAME}/package.json`)), "utf8"));

/** What a consumer gets from one export: a module's export names, a parsed JSON document, or a file's text. */
async function load(subpath, target) {
  const specifier = subpath === "." ? NAME : `${NAME}/${subpath.slice(2)}`;
  if (typeof target === "object" && !("default" in target) && !("import" in target)) return "types only";
  if (subpath.endsWith(".json")) {
    const json = (await import(specifier, { with: { type: "json" } })).default;
    return `JSON with keys ${Object.keys(json).slice(0, 4).join(", ")}`;
  }
  if (/\.ya?ml$/.test(subpath)) {
    const text = await readFile(fileURLToPath(import.meta.resolve(specifier)), "utf8");
    if (!/^openapi: 3\.1\.\d+$/m.test(text)) throw new Error("not an OpenAPI 3.1 document");
    return `YAML, ${text.length} characters`;
  }
  const names = Object.keys(await import(specifier));
  if (names.length === 0) throw new Error("the module exports nothing");
  return `exports ${names.join(", ")}`;
}

for (const [subpath, target] of Object.entries(manifest.exports)) {
  try {
    console.log(JSON.stringify({ subpath, ok: true, detail: await load(subpath, target) }));
  } catch (error) {
    console.log(JSON.stringify({ subpath, ok: false, detail: String(error?.message ?? error) }));
  }
}
