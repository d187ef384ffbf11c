/** The `alteryx-jobs` program: global options, the commands, and the exit codes in --help. */
import { createRequire } from "node:module";
import { Command, Option } from "commander";
import { CONFORMANCE_EXIT_CODE_HELP, EXIT_CODE_HELP } from "./exit-codes.js";

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

type Register = (program: Command) => void;
/**
 * Each command's module, by the names it registers, loaded only when that command runs: `--version` loads none,
 * `list` only list's. Help for the whole program, completion, and an unknown name load them all.
 */
const COMMANDS: readonly (readonly [names: readonly string[], load: () => Promise<readonly Register[]>])[] = [
  [["list"], async () => [(await import("./commands/list.js")).registerList]],
  [
    ["get", "messages"],
    async () => {
      const { registerGet, registerMessages } = await import("./commands/get.js");
      return [registerGet, registerMessages];
    },
  ],
  [["output"], async () => [(await import("./commands/output.js")).registerOutput]],
  [["cancel"], async () => [(await import("./commands/cancel.js")).registerCancel]],
  [
    ["run", "wait"],
    async () => {
      const { registerRun, registerWait } = await import("./commands/run.js");
      return [registerRun, registerWait];
    },
  ],
  [["workflow-jobs"], async () => [(await import("./commands/workflow-jobs.js")).registerWorkflowJobs]],
  [["watch"], async () => [(await import("./commands/watch.js")).registerWatch]],
  [["stats"], async () => [(await import("./commands/stats.js")).registerStats]],
  [["token"], async () => [(await import("./commands/token.js")).registerToken]],
  [["simulator", "conformance"], async () => [(await import("./commands/delegates.js")).registerDelegates]],
  [["completion"], async () => [(await import("./commands/completion.js")).registerCompletion]],
  [["mcp"], async () => [(await import("./mcp/command.js")).registerMcp]],
];

/**
 * The command an argument list runs: its first word that is not an option (or the value of one of the program's
 * own options that take one, read from the program itself).
 */
function commandNameOf(program: Command, args: readonly string[]): string | undefined {
  const withValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (withValue.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/** The program for these arguments (without node and the script), with the commands they need registered. */
export async function buildProgram(args: readonly string[] = process.argv.slice(2)): Promise<Command> {
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
  const name = commandNameOf(program, args);
  const versionOnly = name === undefined && args.some((arg) => arg === "-V" || arg === "--version");
  // Completion describes every command; an unknown name gets commander's suggestions from every command.
  const one = COMMANDS.filter(([names]) => name !== undefined && name !== "completion" && names.includes(name));
  const loads = versionOnly ? [] : one.length > 0 ? one : COMMANDS;
  for (const register of (await Promise.all(loads.map(([, load]) => load()))).flat()) register(program);
  for (const command of program.commands) {
    command.exitOverride().showHelpAfterError("(run with --help for usage)");
    const codes = command.name() === "conformance" ? CONFORMANCE_EXIT_CODE_HELP : EXIT_CODE_HELP;
    command.addHelpText("after", () => exitCodeHelp(codes));
  }
  return program;
}
