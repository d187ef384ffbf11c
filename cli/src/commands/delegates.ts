/** `alteryx-jobs simulator` and `alteryx-jobs conformance`: what the npm scripts do, from the installed package. */
import { type Command, InvalidArgumentError, Option } from "commander";
import { parseQuirk, QUIRK_NAMES, resolveQuirks } from "alteryx-jobs-simulator/quirks";
import { resolveConnection } from "../config.js";
import { action } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";
import { progress } from "../progress.js";
import { runConformance, runSimulator, type SimulatorArgs } from "../runners.js";
import { integer, nonEmpty } from "../values.js";

export function registerDelegates(program: Command): void {
  program
    .command("simulator")
    .description("start the stateful simulator of an Alteryx Server (prints its URL and users; Ctrl-C stops it)")
    .addOption(new Option("--port <port>", "TCP port (0: a free one)").default(4011).argParser(integer(0, 65535)))
    .addOption(new Option("--host <host>", "interface to listen on").default("127.0.0.1").argParser(nonEmpty))
    .addOption(new Option("--jobs <n>", "jobs to generate").argParser(integer(0, 1_000_000)))
    .addOption(new Option("--seed <seed>", "seed of the generated data").argParser(nonEmpty))
    .addOption(
      new Option("--time-scale <x>", "how much faster than real time the clock runs").argParser(integer(1, 1_000_000)),
    )
    .addOption(
      new Option(
        "--start <when>",
        "where the simulated clock starts: now (default) or a date, for the same dates each run",
      ).argParser(nonEmpty),
    )
    .addOption(new Option("--token-lifetime <seconds>", "how long issued tokens live").argParser(integer(1, 86_400)))
    .addOption(
      new Option("--quirk <name=value>", `behave as some servers do (repeatable): ${QUIRK_NAMES.join(", ")}`).argParser(
        (text: string, previous: string[] | undefined) => {
          try {
            resolveQuirks(parseQuirk(text));
          } catch (error) {
            throw new InvalidArgumentError((error as Error).message);
          }
          return [...(previous ?? []), text];
        },
      ),
    )
    .action(
      action(async (_ctx, flags: SimulatorArgs) => {
        process.exitCode = await runSimulator(flags);
      }),
    );

  program
    .command("conformance")
    .description("check a server against the spec: the conformance scenarios through `prism proxy --errors`")
    .addOption(
      new Option(
        "--workflow-id <id>",
        "also queue runs of this workflow, and cancel them (never others' jobs)",
      ).argParser(nonEmpty),
    )
    .option("--json <file>", "also write the report as JSON")
    .option("--junit <file>", "also write the report as JUnit XML, for CI")
    .action(
      action(async (ctx, flags: { workflowId?: string; json?: string; junit?: string }) => {
        const connection = resolveConnection(ctx.globals);
        if (!("clientId" in connection.auth)) {
          throw new CliError(
            "conformance needs the API access key and secret " +
              "(ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET), not a token",
            EXIT.usage,
          );
        }
        // As `npm run conformance`: an Artisan's key too, for the profile, when both variables are set.
        const { ALTERYX_ARTISAN_CLIENT_ID: artisanId, ALTERYX_ARTISAN_CLIENT_SECRET: artisanSecret } = process.env;
        process.exitCode = await runConformance({
          target: connection.baseUrl,
          clientId: connection.auth.clientId,
          clientSecret: connection.auth.clientSecret,
          ...(artisanId && artisanSecret ? { artisan: { clientId: artisanId, clientSecret: artisanSecret } } : {}),
          ...(flags.workflowId ? { writesWithWorkflow: flags.workflowId } : {}),
          ...(flags.json ? { json: flags.json } : {}),
          ...(flags.junit ? { junit: flags.junit } : {}),
          progress: await progress(ctx, "conformance… pre-flight"),
        });
      }),
    );
}
