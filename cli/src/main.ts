#!/usr/bin/env node
/** The `alteryx-jobs` command (package.json `bin`). */
import { CommanderError } from "commander";
import { errorLine, exitCodeOf } from "./errors.js";
import { buildProgram } from "./program.js";
import { colorsFor, quietOnBrokenPipe } from "./terminal.js";

const debug = process.argv.includes("--debug");
quietOnBrokenPipe();
try {
  await (await buildProgram()).parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeOf(error);
  // Commander has already printed its own message (usage errors, --help, --version).
  if (!(error instanceof CommanderError)) {
    const c = colorsFor(process.stderr, !process.argv.includes("--no-color"));
    process.stderr.write(`${c.red("alteryx-jobs: error:")} ${errorLine(error)}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
}
