/**
 * The ESM trap, in a folder made the way a newcomer makes it: `npm init -y` writes `"type": "commonjs"`, so an
 * example of the README (`import`, top-level `await`) fails there with a SyntaxError. docs/quick-start.md says to
 * run `npm pkg set type=module` first; this test follows it: the trap first, then the note, then the example runs
 * against the simulator on loopback. The package is the one `npm pack` makes (its `prepack` builds dist/).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../simulator/src/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline"];
/** Without what `npm test` sets for its own project: the newcomer's npm commands see only their folder. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(config_(local_prefix|call)$|lifecycle_|package_|command$)/.test(key),
  ),
);

type Result = { code: number; stdout: string; stderr: string };
function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) =>
    execFile(command, args, { cwd, env: { ...env, ...extra } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr }),
    ),
  );
}

/** The README's first example as a newcomer pastes it into index.js (JavaScript: no `!`). */
const QUICK_START = `import { createJobsClient } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: process.env.ALTERYX_BASE_URL,
  auth: { clientId: process.env.AYX_KEY, clientSecret: process.env.AYX_SECRET },
});
const page = await ayx.listJobs({ statuses: ["Running", "Queued"], sortField: "CreateDate", direction: "desc" });
console.log(\`\${page.pagination.totalItems} jobs running or queued\`);
`;

let work: string;
let project: string;
let tarball: string;
let sim: RunningSimulator;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "alteryx-jobs-newcomer-"));
  const packed = await run("npm", ["pack", "--json", "--pack-destination", work], root);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  project = join(work, "my-alteryx-script");
  await run("mkdir", ["-p", project], work);
  sim = await startSimulator({ jobs: 50 });
});
afterAll(async () => {
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("a newcomer's first script (npm init -y, then the quick start)", () => {
  it("npm init -y makes a CommonJS project, where the example fails; npm pkg set type=module makes it run", async () => {
    expect((await run("npm", ["init", "-y"], project)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(project, "package.json"), "utf8")).type).toBe("commonjs");
    const install = await run("npm", ["install", tarball, ...NPM_FLAGS], project);
    expect(install.code, install.stderr).toBe(0);
    writeFileSync(join(project, "index.js"), QUICK_START);
    const curator = sim.users.find((u) => u.role === "Curator")!;
    const settings = { ALTERYX_BASE_URL: sim.url, AYX_KEY: curator.clientId, AYX_SECRET: curator.clientSecret };

    // The trap the note warns about.
    const trapped = await run(process.execPath, ["index.js"], project, settings);
    expect(trapped.code).not.toBe(0);
    expect(trapped.stderr).toMatch(/SyntaxError|ERR_REQUIRE_ASYNC_MODULE|top-level await/i);

    // What docs/quick-start.md says to do.
    const note = readFileSync(join(root, "docs/quick-start.md"), "utf8");
    expect(note).toContain("npm pkg set type=module");
    expect((await run("npm", ["pkg", "set", "type=module"], project)).code).toBe(0);
    const ran = await run(process.execPath, ["index.js"], project, settings);
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toMatch(/^\d+ jobs running or queued\n$/);
  });
});
