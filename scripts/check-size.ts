/**
 * The size budget CI runs: the one-call consumer (createJobsClient + getJob), bundled exactly as the bench bundles
 * it (bench/size.ts: esbuild, minified, browser, esm; gzip level 9), must stay at or under the budget and bundle
 * no package from node_modules. The budget is a ratchet: lower it when the figure falls, never raise it to pass.
 * `SIZE_BUDGET_BYTES=... npm run check:size` tries another budget (e.g. one below the figure, to see it fail).
 */
import { bundled, ONE_CALL, TARGET_BYTES } from "../bench/size.js";

const BUDGET_BYTES = 9_350;

const budget = Number(process.env.SIZE_BUDGET_BYTES ?? BUDGET_BYTES);
if (!Number.isSafeInteger(budget) || budget <= 0) {
  console.error(`SIZE_BUDGET_BYTES must be a whole number of bytes above 0, got ${process.env.SIZE_BUDGET_BYTES}`);
  process.exit(2);
}
const { gz, min, modules, packages } = await bundled(ONE_CALL);
const figure = `createJobsClient + getJob: ${gz} B minified and gzipped (${min} B minified)`;
const problems = [
  ...(gz > budget ? [`${gz - budget} B over the budget of ${budget} B`] : []),
  ...(packages.length > 0 ? [`it bundles packages from node_modules: ${packages.join(", ")}`] : []),
];
if (problems.length > 0) {
  console.error(`size budget missed: ${figure}; ${problems.join("; ")}`);
  console.error(
    `largest modules (minified): ${modules
      .slice(0, 5)
      .map(([m, n]) => `${m} ${n} B`)
      .join(", ")}`,
  );
  process.exit(1);
}
const toTarget = gz > TARGET_BYTES ? `; the target is ${TARGET_BYTES} B, ${gz - TARGET_BYTES} B to go` : "";
console.log(`size budget kept: ${figure}, budget ${budget} B, no package bundled${toTarget}`);
