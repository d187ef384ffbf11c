/**
 * Size: what a browser consumer ships. esbuild bundles a one-call consumer (minify, platform browser, format
 * esm, everything bundled) and the result is gzipped (level 9) in memory; nothing is written to disk.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "./child.js";
import { type Target, kb, ratio, table } from "./stats.js";

const CONSUMERS = [
  {
    name: "openapi-fetch alone (createClient, one GET)",
    code: `import createClient from "openapi-fetch";
const api = createClient({ baseUrl: "https://alteryx.example.com/webapi", headers: { authorization: "Bearer t" } });
api.GET("/v3/jobs/{jobId}", { params: { path: { jobId: "6955b45ec86141f8643dfa58" } } })
  .then((r) => console.log(r.data));`,
  },
  {
    name: "this client (createJobsClient, one getJob)",
    code: `import { createJobsClient } from "./src/index.ts";
const ayx = createJobsClient({ baseUrl: "https://alteryx.example.com/webapi", auth: { token: "t" } });
ayx.getJob("6955b45ec86141f8643dfa58").then((job) => console.log(job.status));`,
  },
  {
    name: "this client + validateResponses (Ajv and the spec; opt-in, for reference)",
    code: `import { createJobsClient } from "./src/index.ts";
import { responseValidator } from "./src/validate.ts";
const ayx = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { token: "t" },
  validateResponses: responseValidator(),
});
ayx.getJob("6955b45ec86141f8643dfa58").then((job) => console.log(job.status));`,
  },
];

async function bundled(code: string): Promise<{ min: number; gz: number; modules: [string, number][] }> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: "ts", sourcefile: "consumer.ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
    metafile: true,
  });
  const bytes = result.outputFiles[0]!.contents;
  const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
  const modules = Object.entries(inputs)
    .map(([file, { bytesInOutput }]): [string, number] => [
      file.replace(/^node_modules\/([^/]+)\/.*/, "$1"),
      bytesInOutput,
    ])
    .filter(([, n]) => n > 200)
    .sort((a, b) => b[1] - a[1]);
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, modules };
}

export async function sizeSection(): Promise<{ markdown: string; targets: Target[] }> {
  const sizes = [];
  for (const c of CONSUMERS) sizes.push({ ...c, ...(await bundled(c.code)) });
  const base = sizes[0]!;
  const client = sizes[1]!;
  const rows = sizes.map((s) => [s.name, kb(s.min), kb(s.gz), ratio(s.gz, base.gz)]);
  const markdown = [
    `### 4. Size`,
    ``,
    "A consumer that makes one call, bundled by esbuild (bundle, minify, platform browser, format esm, es2022), " +
      "gzip level 9; 1 kB = 1,000 bytes.",
    ``,
    table(["consumer", "minified", "minified + gzip", "gzip vs openapi-fetch alone"], rows),
    ``,
    `Minified bytes by module in "${client.name}": ` +
      `${client.modules.map(([file, n]) => `${file} ${kb(n)}`).join(", ")}.`,
  ].join("\n");
  return {
    markdown,
    targets: [
      {
        name: "the smallest consumer (one getJob) bundles to at most 7 kB minified and gzipped",
        met: client.gz <= 7_000,
        figure: `${kb(client.gz)} (${client.gz} B)`,
      },
    ],
  };
}
