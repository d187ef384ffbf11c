// Part of `npm run version-packages`: after `changeset version` has bumped the packages, info.version in
// spec/openapi.yaml takes the library's version (docs/versioning.md: they are one number); `npm run generate`
// then carries it into generated/.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const at = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const { version } = JSON.parse(readFileSync(at("package.json"), "utf8"));
const spec = readFileSync(at("spec/openapi.yaml"), "utf8");
// The first `version:` indented under `info:` (edited as text, so the file keeps its comments and layout).
const synced = spec.replace(/^(info:\n(?:[ ]{2}.*\n)*?[ ]{2}version:[ ]*)(\S+)/m, (_, head) => `${head}${version}`);
if (!/^info:\n(?:[ ]{2}.*\n)*?[ ]{2}version:/m.test(spec)) throw new Error("spec/openapi.yaml: no info.version");
writeFileSync(at("spec/openapi.yaml"), synced);
console.log(`spec/openapi.yaml info.version: ${version}`);
