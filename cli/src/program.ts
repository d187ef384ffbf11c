/** The `alteryx-jobs` program: global options, the commands, and the exit codes in --help. */
import { createRequire } from "node:module";
import { Command, Option } from "commander";
import { registerCancel } from "./commands/cancel.js";
import { registerCompletion } from "./commands/completion.js";
import { registerDelegates } from "./commands/delegates.js";
import { registerGet, registerMessages } from "./commands/get.js";
import { registerList } from "./commands/list.js";
import { registerOutput } from "./commands/output.js";
import { registerRun, registerWait } from "./commands/run.js";
import { registerStats } from "./commands/stats.js";
import { registerToken } from "./commands/token.js";
import { registerWatch } from "./commands/watch.js";
import { registerWorkflowJobs } from "./commands/workflow-jobs.js";
import { CONFORMANCE_EXIT_CODE_HELP, EXIT_CODE_HELP } from "./exit-codes.js";
import { registerMcp } from "./mcp/command.js";

/** The command line's own version, from its package.json (one level up from src/ and from dist/ alike). */
export const VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

const ENVIRONMENT_HELP = `
Configuration (flags first, then environment, then the profile):
  ALTERYX_BASE_URL                            the server's API root, e.g. https://alteryx.example.com/webapi
  ALTERYX_CLIENT_ID, ALTERYX_CLIENT_SECRET    API access key and secret (My Profile → Keys)
  ALTERYX_TOKEN                               a bearer token instead of the key and secret
  ALTERYX_PROFILE                             the profile to use (as --profile)
  ALTERYX_JOBS_CONFIG                         the config file (default: alteryx-jobs/config.json in your
                                              config directory; it must not be readable by others)
  NODE_EXTRA_CA_CERTS                         extra trusted CAs (as --ca-file)
  NO_COLOR                                    no colour`;

const exitCodeHelp = (codes: readonly (readonly [number, string])[] = EXIT_CODE_HELP) =>
  `\nExit codes:\n${codes.map(([code, text]) => `  ${String(code).padEnd(4)} ${text}`).join("\n")}`;

export function buildProgram(): Command {
  const program = new Command("alteryx-jobs")
    .description("Look after the job queue of an Alteryx Server (REST API v3) from a shell.")
    .version(VERSION, "-V, --version")
    .addOption(new Option("--url <url>", "the server's API root, ending in /webapi (or ALTERYX_BASE_URL)"))
    .addOption(new Option("--profile <name>", "a named profile of the config file (or ALTERYX_PROFILE)"))
    .addOption(new Option("--ca-file <path>", "trust this CA (PEM) as well, for a private CA (or NODE_EXTRA_CA_CERTS)"))
    .option("--debug", "one line per HTTP exchange on stderr, and stack traces (never secrets)")
    .option("--no-color", "no colour (also NO_COLOR)")
    .showHelpAfterError("(run with --help for usage)")
    .configureHelp({ showGlobalOptions: true })
    .addHelpText("after", () => `${ENVIRONMENT_HELP}\n${exitCodeHelp()}`);
  program.exitOverride();
  registerList(program);
  registerGet(program);
  registerMessages(program);
  registerOutput(program);
  registerCancel(program);
  registerRun(program);
  registerWait(program);
  registerWorkflowJobs(program);
  registerWatch(program);
  registerStats(program);
  registerToken(program);
  registerDelegates(program);
  registerCompletion(program);
  registerMcp(program);
  for (const command of program.commands) {
    command.exitOverride().showHelpAfterError("(run with --help for usage)");
    const codes = command.name() === "conformance" ? CONFORMANCE_EXIT_CODE_HELP : EXIT_CODE_HELP;
    command.addHelpText("after", () => exitCodeHelp(codes));
  }
  return program;
}
