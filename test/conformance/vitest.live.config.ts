// `npm run conformance`: only the live-server scenarios, with no mock of their own.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["test/conformance/live.test.ts"], testTimeout: 20 * 60_000, hookTimeout: 120_000, fileParallelism: false },
});
