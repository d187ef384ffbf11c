/** What the streams are: a terminal gets colour, tables sized to it and progress; a pipe gets plain text. */
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { WriteStream } from "node:tty";
import pc from "picocolors";

export type Colors = ReturnType<typeof pc.createColors>;

export const isTerminal = (stream: NodeJS.WritableStream) => (stream as WriteStream).isTTY === true;

/**
 * Colour only on a terminal, never with NO_COLOR (https://no-color.org: any non-empty value), --no-color or
 * TERM=dumb.
 */
export function colorsFor(stream: NodeJS.WritableStream, allowed = true, env = process.env): Colors {
  const enabled = allowed && isTerminal(stream) && !env.NO_COLOR && env.TERM !== "dumb";
  return pc.createColors(enabled);
}

/** Narrower than this (0 included: a pseudo-terminal without a parent terminal), nothing on screen moves. */
export const SANE_WIDTH = 20;

/**
 * Whether a spinner, a progress bar or a redrawn view may be shown: only on a terminal at least SANE_WIDTH wide.
 * Spinner and redraw libraries divide by the width; at 0 columns one looped for ever.
 */
export const canMove = (stream: NodeJS.WritableStream) =>
  isTerminal(stream) && ((stream as WriteStream).columns ?? 0) >= SANE_WIDTH;

/**
 * The width to fit tables to: the terminal's, or unlimited for a pipe and for a terminal that does not know its
 * width (0 columns: a log under cron or CI, where cutting names to a guessed 80 columns only loses them).
 */
export const widthOf = (stream: NodeJS.WritableStream) =>
  canMove(stream) ? Math.max(40, (stream as WriteStream).columns ?? 80) : Number.POSITIVE_INFINITY;

/** Writes a chunk and waits when the stream is full, so streaming output stays in constant memory. */
export async function write(stream: Writable | NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream as Writable, "drain");
}

/** A reader that closed our stdout (`| head`) ends the program quietly, as in other Unix tools. */
export function quietOnBrokenPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}
