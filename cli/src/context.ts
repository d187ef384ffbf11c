/** What every command gets: its streams, colours, the global flags, and a client made on first use. */
import type { Command } from "commander";
import type { JobsClient } from "alteryx-jobs-api";
import { type Connected, connect, type GlobalFlags } from "./connect.js";
import { type Colors, canMove, colorsFor, widthOf } from "./terminal.js";

export interface Globals extends GlobalFlags {
  color: boolean;
}

export class Context {
  readonly out = process.stdout;
  readonly err = process.stderr;
  readonly globals: Globals;
  readonly colors: Colors;
  readonly errColors: Colors;
  private connected: Promise<Connected> | undefined;

  constructor(command: Command) {
    this.globals = command.optsWithGlobals() as Globals;
    this.colors = colorsFor(this.out, this.globals.color);
    this.errColors = colorsFor(this.err, this.globals.color);
  }

  /** Tables fit this width (unlimited when stdout is not a terminal). */
  get width(): number {
    return widthOf(this.out);
  }

  /** Progress (spinners, page counters) is shown only when stderr is a terminal of a sane width. */
  get showProgress(): boolean {
    return canMove(this.err);
  }

  async client(): Promise<JobsClient> {
    this.connected ??= connect(this.globals);
    return (await this.connected).client;
  }

  async baseUrl(): Promise<string> {
    this.connected ??= connect(this.globals);
    return (await this.connected).connection.baseUrl;
  }

  print(text = ""): void {
    this.out.write(`${text}\n`);
  }

  printJson(value: unknown): void {
    this.out.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A note for people (not for pipes): on stderr. */
  note(text: string): void {
    this.err.write(`${text}\n`);
  }
}

/** Wraps a command's action: commander passes (...arguments, options, command); the action gets a Context first. */
export function action<A extends unknown[]>(fn: (ctx: Context, ...args: A) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args.at(-1) as Command;
    await fn(new Context(command), ...(args.slice(0, -1) as A));
  };
}
