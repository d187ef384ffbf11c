/** Parses a command line with the real program, in this process: what commander refuses, and with which words. */
import type { Command } from "commander";
import { buildProgram } from "../../../cli/src/program.js";

export interface Parsed {
  /** What the parse threw (a CommanderError for a usage error), or undefined when it went through. */
  error: unknown;
  /** What commander wrote to stderr and stdout (its own messages, help, version). */
  stderr: string;
  stdout: string;
}

/** Commander's output goes to strings; each command takes the setting (commands copy it only when made). */
function capture(command: Command, out: string[], err: string[]): void {
  command.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  for (const sub of command.commands) capture(sub, out, err);
}

/** `args` as typed after `alteryx-jobs`. Only for lines that stop before a command's action runs. */
export async function parse(args: string[]): Promise<Parsed> {
  const program = await buildProgram(args);
  const out: string[] = [];
  const err: string[] = [];
  capture(program, out, err);
  let error: unknown;
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (thrown) {
    error = thrown;
  }
  return { error, stderr: err.join(""), stdout: out.join("") };
}
