/** A test runner killed with SIGTERM or SIGINT must not leave its Prism mock running. */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const vitestCli = join(createRequire(import.meta.url).resolve("vitest/package.json"), "..", "vitest.mjs");

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("Prism started by the test setup", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "is stopped when the runner gets %s",
    async (signal) => {
      const infoFile = join(mkdtempSync(join(tmpdir(), "orphan-")), "prism.json");
      const runner = spawn(
        process.execPath,
        [vitestCli, "run", "--config", "test/conformance/fixtures/vitest.idle.config.ts"],
        {
          // Its own process group, so that the cleanup below can also reach the runner's worker processes.
          cwd: root,
          env: { ...process.env, PRISM_INFO_FILE: infoFile },
          stdio: "ignore",
          detached: true,
        },
      );
      const exited = new Promise((resolve) => runner.once("exit", resolve));
      await expect.poll(() => existsSync(infoFile), { timeout: 60_000, interval: 200 }).toBe(true);
      const prism = JSON.parse(readFileSync(infoFile, "utf8")) as { url: string; pid: number };
      expect((await fetch(`${prism.url}/v3/jobs`)).status).toBe(401); // it runs and answers

      try {
        runner.kill(signal); // the runner alone: Prism must be stopped by the runner, not by the signal
        await exited;
        await expect.poll(() => alive(prism.pid), { timeout: 10_000, interval: 100 }).toBe(false);
        await expect(fetch(`${prism.url}/v3/jobs`)).rejects.toThrow();
      } finally {
        // vitest's own worker of the killed run would otherwise wait out the idle test.
        try {
          process.kill(-runner.pid!, "SIGKILL");
        } catch {
          // the group is already gone
        }
      }
    },
    90_000,
  );
});
