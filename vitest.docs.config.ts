import { defineConfig } from "vitest/config";

// `npm run test:docs`: the real-browser check of dist/docs/index.html and the `npm start` smoke test.
// Not part of `npm test` (it needs /usr/bin/chromium). Files run one after the other: both build
// dist/docs/index.html.
export default defineConfig({
  // The packages import each other by name; in the repository that is their sources (tsconfig.json `paths`).
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/docs/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // In CI, also a JSON report that .ci/run counts tests from.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".ci-artifacts/vitest-docs.json" }]] : ["default"],
  },
});
