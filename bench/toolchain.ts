/**
 * Toolchain: wall time of `npm run generate`, `npm run lint` and `npm run docs` (each a fresh npm process,
 * output discarded), and Prism's start-up: cli/src/conformance/prism.ts `startPrism()` until the mock answers.
 * A command that fails is reported as failed, not as a time.
 */
import { spawn } from "node:child_process";
import { root } from "./child.js";
import { type Target, interleaved, median, ms, table } from "./stats.js";

function timeCommand(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("npm", args, { cwd: root, stdio: "ignore", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`npm ${args.join(" ")} exited ${code}`)),
    );
  });
}

async function timePrism(): Promise<number> {
  const { startPrism } = await import("../cli/src/conformance/prism.js");
  const started = performance.now();
  const prism = await startPrism();
  const elapsed = performance.now() - started;
  await prism.stop();
  return elapsed;
}

export async function toolchainSection(opts: {
  repetitions: number;
  commands: boolean;
}): Promise<{ markdown: string; targets: Target[] }> {
  const steps = [
    ...(opts.commands
      ? [
          { name: "npm run generate", run: () => timeCommand(["run", "generate"]) },
          { name: "npm run lint", run: () => timeCommand(["run", "lint"]) },
          { name: "npm run docs", run: () => timeCommand(["run", "docs"]) },
        ]
      : []),
    { name: "Prism mock start-up (startPrism() until it answers)", run: timePrism },
  ];
  const results = await interleaved(steps, opts.repetitions, (s) =>
    s.run().then(
      (t) => ({ t }),
      (error: Error) => ({ error }),
    ),
  );
  const rows = steps.map((s) => {
    const runs = results.get(s.name)!;
    const failed = runs.find((r): r is { error: Error } => "error" in r);
    const times = runs.flatMap((r) => ("t" in r ? [r.t] : []));
    return [
      s.name,
      failed ? `failed: ${failed.error.message}` : ms(median(times)),
      times.length ? `${ms(Math.min(...times))}–${ms(Math.max(...times))}` : "n/a",
    ];
  });
  if (!opts.commands) rows.unshift(["npm run generate / lint / docs", "skipped (smoke)", ""]);
  const markdown = [
    `### 5. Toolchain`,
    ``,
    `Wall time, median of ${opts.repetitions} interleaved run(s).`,
    ``,
    table(["step", "wall time", "range"], rows),
  ].join("\n");
  return { markdown, targets: [] };
}
