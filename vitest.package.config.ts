import { defineConfig } from "vitest/config";

// `npm run test:package`: packs the package and installs the tarball as a user would (test/package/). Not part
// of `npm test`: for a minute or more it runs npm and the TypeScript compiler, and on a small machine that load
// makes the timing-sensitive tests of `npm test` (1 s timeouts on loopback) fail. CI runs it on each Node.
export default defineConfig({
  test: {
    include: ["test/package/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // In CI, also a JSON report that .ci/run counts tests from (one per Node version: VITEST_REPORT).
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: process.env.VITEST_REPORT ?? ".ci-artifacts/vitest-package.json" }]]
      : ["default"],
  },
});
