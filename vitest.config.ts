import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/docs/**", "node_modules/**"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./test/tsconfig.types.json" },
    globalSetup: ["test/conformance/global-setup.ts"],
    testTimeout: 20_000,
    // In CI, also a JSON report that .ci/run counts tests from.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".ci-artifacts/vitest.json" }]] : ["default"],
  },
});
