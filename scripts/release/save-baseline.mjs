// `npm run release:baseline`, run when a version is published: keeps its bundle as
// spec/releases/<version>/openapi.yaml, the baseline the next changes are judged against (check:spec-diff).
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const at = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const { version } = JSON.parse(readFileSync(at("package.json"), "utf8"));
const target = at(`spec/releases/${version}/openapi.yaml`);
if (existsSync(target)) throw new Error(`spec/releases/${version} exists: a released bundle is never rewritten`);
mkdirSync(at(`spec/releases/${version}`), { recursive: true });
copyFileSync(at("generated/openapi.yaml"), target);
console.log(`spec/releases/${version}/openapi.yaml: the baseline from now on`);
