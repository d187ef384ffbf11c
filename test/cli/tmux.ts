/** Drives a command in a real terminal: a tmux pane of its own server (socket), read with capture-pane. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { NODE_ARGS, root } from "./helpers.js";

export const TMUX = "/usr/bin/tmux";
export const hasTmux = existsSync(TMUX);

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class Pane {
  private readonly socket = `alteryx-jobs-test-${process.pid}-${Math.random().toString(36).slice(2)}`;

  /**
   * Starts `alteryx-jobs args` in a pane of `width` (default 120) by 40 (stdout to a file with `stdoutTo`, or into
   * a shell command with `pipeTo`, such as `head -3`); the pane stays open after it ends and shows `exit=N` (the
   * shell traps Ctrl-C for itself, so that only the command gets it).
   */
  constructor(
    args: string[],
    env: Record<string, string>,
    options: { stdoutTo?: string; pipeTo?: string; width?: number } = {},
  ) {
    const exports = Object.entries({ TERM: "xterm-256color", ...env })
      .map(([k, v]) => `export ${k}=${quote(v)};`)
      .join(" ");
    const redirect = options.stdoutTo ? ` > ${quote(options.stdoutTo)}` : options.pipeTo ? ` | ${options.pipeTo}` : "";
    const cli = [process.execPath, ...NODE_ARGS, ...args].map(quote).join(" ") + redirect;
    const command = `trap : INT; cd ${quote(root)}; unset NO_COLOR CI; ${exports} ${cli}; echo "exit=$?"; sleep 600`;
    this.tmux("new-session", "-d", "-x", String(options.width ?? 120), "-y", "40", "bash", "--norc", "-c", command);
  }

  private tmux(...args: string[]): string {
    return execFileSync(TMUX, ["-L", this.socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  }

  /** The screen as text; with `escapes`, with its colour codes; with `history`, with what scrolled off it too. */
  screen(escapes = false, history = false): string {
    return this.tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), ...(history ? ["-S", "-"] : []));
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", ...keys);
  }

  /** Waits until the screen matches, and returns the screen. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }
}
