/**
 * Size: what a browser consumer ships. esbuild bundles a one-call consumer (minify, platform browser, format
 * esm, everything bundled) and the result is gzipped (level 9) in memory; nothing is written to disk.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "./child.js";
import { type Target, kb, ratio, table } from "./stats.js";

/** The smallest consumer: what the size budget (scripts/check-size.ts) holds to. */
export const ONE_CALL = `import { createJobsClient } from "./src/index.ts";
const ayx = createJobsClient({ baseUrl: "https://alteryx.example.com/webapi", auth: { token: "t" } });
ayx.getJob("6955b45ec86141f8643dfa58").then((job) => console.log(job.status));`;

/** The issue's target for the one-call consumer, minified and gzipped. */
export const TARGET_BYTES = 5_000;

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
    code: ONE_CALL,
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

export interface Bundled {
  min: number;
  gz: number;
  /** Minified bytes by module (packages by name), largest first, those above 200 bytes. */
  modules: [string, number][];
  /** The packages from node_modules in the bundle: none for the client (openapi-fetch is not part of it). */
  packages: string[];
}

export async function bundled(code: string): Promise<Bundled> {
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
  const packages = [
    ...new Set(Object.keys(inputs).flatMap((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? [])),
  ];
  const modules = Object.entries(inputs)
    .map(([file, { bytesInOutput }]): [string, number] => [
      file.replace(/^node_modules\/([^/]+)\/.*/, "$1"),
      bytesInOutput,
    ])
    .filter(([, n]) => n > 200)
    .sort((a, b) => b[1] - a[1]);
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, modules, packages };
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
      `${client.modules.map(([file, n]) => `${file} ${kb(n)}`).join(", ")}. ` +
      `Packages from node_modules in it: ${client.packages.join(", ") || "none"}. ` +
      "`npm run check:size` holds this figure to its budget in CI.",
  ].join("\n");
  return {
    markdown,
    targets: [
      {
        name: `the smallest consumer (one getJob) bundles to at most ${kb(TARGET_BYTES)} minified and gzipped`,
        met: client.gz <= TARGET_BYTES,
        figure: `${kb(client.gz)} (${client.gz} B)`,
      },
      {
        name: "the smallest consumer bundles no package (openapi-fetch is not in it)",
        met: client.packages.length === 0,
        figure: client.packages.join(", ") || "none",
      },
    ],
  };
}
