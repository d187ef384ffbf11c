/** Progress on stderr, only on a terminal (ora); elsewhere these do nothing, so pipes and logs stay clean. */
import ora, { type Ora } from "ora";
import type { Context } from "./context.js";

export interface Progress {
  update(text: string): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

export function progress(ctx: Context, text: string): Progress {
  if (!ctx.showProgress) return SILENT;
  const spinner: Ora = ora({ text, stream: ctx.err, isEnabled: true, color: ctx.errColors.isColorSupported ? "cyan" : false, discardStdin: false }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: () => spinner.stop(),
  };
}
