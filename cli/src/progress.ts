/**
 * Progress on stderr, only on a terminal (ora); elsewhere these do nothing, so pipes and logs stay clean.
 * ora is loaded only when a spinner is shown, to keep the start of every other run quick.
 */
import type { Context } from "./context.js";

export interface Progress {
  update(text: string): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

export async function progress(ctx: Context, text: string): Promise<Progress> {
  if (!ctx.showProgress) return SILENT;
  const { default: ora } = await import("ora");
  const spinner = ora({
    text,
    stream: ctx.err,
    isEnabled: true,
    color: ctx.errColors.isColorSupported ? "cyan" : false,
    discardStdin: false,
  }).start();
  // A program that ends early (`| head` closed the pipe, an error) clears its spinner too: a line left behind, and
  // a hidden cursor, would outlive it.
  const stop = () => {
    process.off("exit", stop);
    spinner.stop();
  };
  process.on("exit", stop);
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop,
  };
}
