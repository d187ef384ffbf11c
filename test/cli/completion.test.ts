/** `alteryx-jobs completion bash|zsh|fish`: scripts made from the program's own commands, tried in the shells. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "./helpers.js";

// Each test spawns `alteryx-jobs` (a Node start-up each): slow on a busy machine, never a measure of speed.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
const scripts: Record<string, string> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-completion-"));
  for (const shell of ["bash", "zsh", "fish"]) {
    const r = await runCli(["completion", shell]);
    expect(r.code).toBe(0);
    scripts[shell] = join(dir, `completion.${shell}`);
    writeFileSync(scripts[shell]!, r.stdout);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shellAt = (name: string) => [`/usr/bin/${name}`, `/bin/${name}`].find(existsSync);

/** What bash completes for the words typed so far (the last one being completed). */
function bashComplete(words: string[]): string[] {
  const script = `source ${JSON.stringify(scripts.bash)}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}
_alteryx_jobs; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync(shellAt("bash")!, ["--norc", "-c", script], { encoding: "utf8" }).split("\n").filter(Boolean);
}

describe("completion", () => {
  it.skipIf(!shellAt("bash"))("bash completes commands, their flags and the spec's values", () => {
    expect(bashComplete(["alteryx-jobs", "w"])).toEqual(["wait", "workflow-jobs", "watch"]);
    expect(bashComplete(["alteryx-jobs", "list", "--st"])).toEqual(["--status"]);
    expect(bashComplete(["alteryx-jobs", "list", "--status", ""])).toEqual([
      "Queued",
      "Initializing",
      "Running",
      "Complete",
    ]);
    expect(bashComplete(["alteryx-jobs", "workflow-jobs", "wf", "--status", ""])).toEqual([
      "Complete",
      "Error",
      "Running",
      "Queued",
    ]);
    expect(bashComplete(["alteryx-jobs", "--profile", "p", "run", "wf", "--priority", "C"])).toEqual(["Critical"]);
    expect(bashComplete(["alteryx-jobs", "cancel", "--d"])).toEqual(["--dry-run", "--debug"]);
    expect(bashComplete(["alteryx-jobs", "stats", "--since", ""])).toEqual([]); // a value, not a flag
  });

  it.skipIf(!shellAt("zsh"))(`zsh loads the script${shellAt("zsh") ? "" : " (skipped: zsh is not installed)"}`, () => {
    const out = execFileSync(
      shellAt("zsh")!,
      [
        "-f",
        "-c",
        `autoload -U compinit && compinit -u && source ${JSON.stringify(scripts.zsh)} && echo $_comps[alteryx-jobs]`,
      ],
      { encoding: "utf8" },
    );
    expect(out.trim()).toBe("_alteryx_jobs");
  });

  it.skipIf(!shellAt("fish"))(
    `fish completes with the script${shellAt("fish") ? "" : " (skipped: fish is not installed)"}`,
    () => {
      const complete = (line: string) =>
        execFileSync(
          shellAt("fish")!,
          ["--no-config", "-c", `source ${JSON.stringify(scripts.fish)}; complete -C ${JSON.stringify(line)}`],
          { encoding: "utf8" },
        )
          .split("\n")
          .filter(Boolean)
          .map((l) => l.split("\t")[0]);
      expect(complete("alteryx-jobs wa")).toEqual(expect.arrayContaining(["wait", "watch"]));
      expect(complete("alteryx-jobs list --status ")).toEqual(["Complete", "Initializing", "Queued", "Running"]);
    },
  );
});
