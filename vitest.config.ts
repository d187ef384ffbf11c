import { defineConfig } from "vitest/config";

export default defineConfig({
  // The packages import each other by name; in the repository that is their sources (tsconfig.json `paths`).
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/**/*.test.ts"],
    // The docs (a browser) and the package (npm pack and install) have their own configs and CI steps.
    exclude: ["test/docs/**", "test/package/**", "node_modules/**"],
    // The type tests (*.test-d.ts) run through tsc in test/client/types.test.ts, not vitest's typecheck mode,
    // which prints an "experimental feature" banner on every run.
    globalSetup: ["test/conformance/global-setup.ts"],
    testTimeout: 20_000,
    // In CI, also a JSON report that .ci/run counts tests from (one per Node version: VITEST_REPORT).
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: process.env.VITEST_REPORT ?? ".ci-artifacts/vitest.json" }]]
      : ["default"],
  },
});
