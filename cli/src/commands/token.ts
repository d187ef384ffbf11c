/** `alteryx-jobs token`: a bearer token for curl. The one command that prints a secret, because it is asked to. */
import type { Command } from "commander";
import { action } from "../context.js";

export function registerToken(program: Command): void {
  program
    .command("token")
    .description('print a bearer token, e.g. curl -H "Authorization: Bearer $(alteryx-jobs token)" ...')
    .action(
      action(async (ctx) => {
        ctx.print(await (await ctx.client()).getToken());
      }),
    );
}
