/** The job list's filters as flags, shared by `list` and `cancel`, and their translation to a ListJobsQuery. */
import { type Command, Option } from "commander";
import type { ListJobsQuery } from "alteryx-jobs-api";
import { integer, listOf, nonEmpty, oneOf, pointInTime, utcDay } from "../values.js";
import { NAMED_PRIORITIES, SORT_FIELDS, STATUSES } from "../vocabulary.js";

export interface FilterFlags {
  status?: ListJobsQuery["statuses"];
  priority?: (string | number)[];
  workflowName?: string[];
  user?: string[];
  allUsers?: boolean;
  completedAfter?: Date;
  completedBefore?: Date;
}

const priority = (text: string): string | number => {
  if (/^\d+$/.test(text.trim())) return Number(text);
  return oneOf(NAMED_PRIORITIES)(text);
};

/**
 * A status to list by. Every table prints a finished job's status as the list answers it, "Completed", while the
 * filter's value is "Complete": both are accepted (letter case aside), so the value people read works.
 */
export const statusFilter = (text: string): NonNullable<ListJobsQuery["statuses"]>[number] =>
  /^completed$/i.test(text.trim()) ? "Complete" : oneOf(STATUSES)(text);

export function addFilterOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--status <status>", "only jobs in these states (repeat or comma-separate; Completed = Complete)")
        .choices(STATUSES)
        .argParser(listOf(statusFilter)),
    )
    .addOption(
      new Option(
        "--priority <priority>",
        `only these priorities: ${NAMED_PRIORITIES.join(", ")} or a number`,
      ).argParser(listOf(priority)),
    )
    .addOption(new Option("--workflow-name <name>", "only jobs of these workflows").argParser(listOf(nonEmpty)))
    .addOption(
      new Option("--user <id>", "only jobs of these users, by user id (implies --all-users)").argParser(
        listOf(nonEmpty),
      ),
    )
    .option("--all-users", "jobs of all users")
    .addOption(
      new Option("--completed-after <date>", "completed on or after this day: yyyy-MM-dd, or 7d, 24h ago").argParser(
        (t) => pointInTime(t),
      ),
    )
    .addOption(
      new Option("--completed-before <date>", "completed before this day: yyyy-MM-dd, or 7d, 24h ago").argParser((t) =>
        pointInTime(t),
      ),
    );
}

export function addPagingOptions(command: Command): Command {
  return command
    .addOption(new Option("--sort <field>", "sort by").choices(SORT_FIELDS).argParser(oneOf(SORT_FIELDS)))
    .option("--desc", "sort descending")
    .addOption(
      new Option("--limit <n>", "jobs per page (the server decides how many it honours)").argParser(integer(1)),
    )
    .addOption(new Option("--offset <n>", "jobs to skip").argParser(integer(0, 2_147_483_647)));
}

export function queryOf(
  flags: FilterFlags & { sort?: string; desc?: boolean; limit?: number; offset?: number },
): ListJobsQuery {
  const query: ListJobsQuery = {};
  if (flags.status) query.statuses = [...new Set(flags.status)];
  if (flags.priority) query.priorities = [...new Set(flags.priority)] as ListJobsQuery["priorities"];
  if (flags.workflowName) query.workflowNames = [...new Set(flags.workflowName)];
  // The server applies `users` only together with allUsers=true (see the spec), so one implies the other.
  if (flags.user) query.users = [...new Set(flags.user)];
  if (flags.allUsers || flags.user) query.allUsers = true;
  if (flags.completedAfter) query.completedAfter = utcDay(flags.completedAfter);
  if (flags.completedBefore) query.completedBefore = utcDay(flags.completedBefore);
  if (flags.sort) query.sortField = flags.sort as ListJobsQuery["sortField"];
  if (flags.desc) query.direction = "desc";
  if (flags.limit !== undefined) query.limit = flags.limit;
  if (flags.offset !== undefined) query.offset = flags.offset;
  return query;
}
