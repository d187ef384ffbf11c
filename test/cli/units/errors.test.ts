/** From a failure to one line and an exit code (cli/src/errors.ts, exit-codes.ts), and the usage errors of --help. */
import { CommanderError } from "commander";
import { type Job, JobsApiError } from "alteryx-jobs-api";
import { describe, expect, it } from "vitest";
import { exitCodeOfJob } from "../../../cli/src/commands/run.js";
import { errorLine, exitCodeOf } from "../../../cli/src/errors.js";
import { CliError, EXIT, EXIT_CODE_HELP } from "../../../cli/src/exit-codes.js";
import { buildProgram } from "../../../cli/src/program.js";
import { parse } from "./program.js";

const apiError = (init: Partial<ConstructorParameters<typeof JobsApiError>[0]>) =>
  new JobsApiError({ kind: "http", message: "getJob (GET /v3/jobs/x) failed", operationId: "getJob", ...init });

describe("exitCodeOf", () => {
  it.each([
    ["a CliError: its own code", new CliError("x", EXIT.timeout), 124],
    ["commander's help or version", new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"), 0],
    ["commander's usage error", new CommanderError(1, "commander.unknownOption", "unknown option"), 2],
    ["a request refused before sending", apiError({ kind: "invalid-request" }), 2],
    ["401", apiError({ status: 401 }), 3],
    ["403", apiError({ status: 403 }), 3],
    ["404", apiError({ status: 404 }), 4],
    ["500", apiError({ status: 500 }), 5],
    ["a network error", apiError({ kind: "network" }), 5],
    ["a timeout", apiError({ kind: "timeout" }), 5],
    ["an invalid response", apiError({ kind: "invalid-response", status: 200 }), 5],
    ["any other error", new TypeError("boom"), 5],
    ["a thrown string", "boom", 5],
  ])("%s → %d", (_, error, code) => expect(exitCodeOf(error)).toBe(code));

  it("--help lists every code the command line ends with, once", () => {
    expect(EXIT_CODE_HELP.map(([code]) => code).sort((a, b) => a - b)).toEqual(
      Object.values(EXIT).sort((a, b) => a - b),
    );
  });
});

describe("exitCodeOfJob: what a finished job stands for", () => {
  const job = (status: string, disposition: string | null) => ({ status, disposition }) as Job;

  it.each([
    ["Completed", "Success", false, 0],
    ["Completed", "Warning", false, 0],
    ["Completed", "Warning", true, 1],
    ["Completed", "Error", false, 1],
    ["Completed", "Failed", false, 1],
    ["Completed", "Cancelled", false, 1],
    ["Cancelled", null, false, 1],
    ["Canceled", "", false, 1],
    ["Completed", null, true, 0],
  ])("%s / %s (--fail-on-warning %s) → %d", (status, disposition, failOnWarning, code) => {
    expect(exitCodeOfJob(job(status, disposition), failOnWarning)).toBe(code);
  });
});

describe("errorLine", () => {
  it.each([
    [{ operationId: "requestToken", status: 404 }, "check the server URL: it is the API root, ending in /webapi"],
    [{ operationId: "requestToken", status: 401 }, "check the API access key and secret (My Profile → Keys)"],
    [{ operationId: "requestToken", status: 400 }, "check the API access key and secret (My Profile → Keys)"],
    [{ status: 401 }, "check the credentials; listing the queue and reading messages need a Curator"],
    [{ status: 403 }, "the account lacks the permission for this"],
    [{ status: 404 }, "check the id, and that the server URL ends in /webapi"],
    [{ kind: "network" as const }, "check the server URL, the network and, for a private CA, --ca-file"],
    [{ kind: "timeout" as const }, "the server did not answer in time; try again later"],
  ])("adds what to do to the client's message: %j", (init, hint) => {
    const error = apiError(init);
    expect(errorLine(error)).toBe(`${error.message} (${hint})`);
  });

  it("is the message alone where there is nothing to add, and any thrown value as text", () => {
    expect(errorLine(apiError({ status: 500 }))).toBe("getJob (GET /v3/jobs/x) failed");
    expect(errorLine(new CliError("no server: pass --url", EXIT.usage))).toBe("no server: pass --url");
    expect(errorLine("boom")).toBe("boom");
  });
});

describe("usage errors: refused with exit code 2 before any command runs", () => {
  it.each([
    [["list", "--bogus"], /unknown option '--bogus'/],
    [["list", "--status", "Done"], /expected one of Queued, Initializing, Running, Complete/],
    [["list", "--limit", "0"], /expected a whole number of at least 1/],
    [["list", "--completed-after", "2025-02-30"], /expected a date yyyy-MM-dd or a relative time/],
    [["list", "--json", "--csv"], /option '--json' cannot be used with option '--csv'/],
    [["list", "--ndjson", "--csv"], /option '--ndjson' cannot be used with option '--csv'/],
    [["list", "--concurrency", "17"], /expected a whole number from 1 to 16/],
    [["wait", "x", "--timeout", "10"], /expected a duration such as 30s/],
    [["run"], /missing required argument 'workflow'/],
    [["run", "wf", "--question", "novalue"], /expected name=value/],
    [["get", " "], /must not be empty/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["completion", "tcsh"], /expected one of bash, zsh, fish/],
  ])("%j", async (args, message) => {
    const { error, stderr } = await parse(args);
    expect(error).toBeInstanceOf(CommanderError);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/\(run with --help for usage\)/);
    expect(exitCodeOf(error)).toBe(EXIT.usage);
  });
});

describe("--help", () => {
  it("lists every command and the exit codes; each command's help its exit codes too", async () => {
    const { error, stdout } = await parse(["--help"]);
    expect(exitCodeOf(error)).toBe(EXIT.ok);
    const commands = (await buildProgram(["--help"])).commands.map((c) => c.name());
    expect(commands).toEqual(expect.arrayContaining(["list", "get", "messages", "cancel", "run", "wait", "output"]));
    expect(commands).toEqual(expect.arrayContaining(["workflow-jobs", "watch", "stats", "token", "completion"]));
    expect(commands).toEqual(expect.arrayContaining(["conformance", "simulator"]));
    for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(stdout).toMatch(/^ {2}124 {2}wait or run --wait ran out of --timeout$/m);
    expect(stdout).toMatch(/^ {2}ALTERYX_BASE_URL /m);
    const wait = await parse(["wait", "--help"]);
    expect(wait.stdout).toMatch(/^Exit codes:$/m);
    const conformance = await parse(["conformance", "--help"]);
    expect(conformance.stdout).toMatch(/^ {2}2 {4}the run could not run/m);
  });
});
