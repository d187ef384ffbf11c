/** The job list's filters: flags as commander parses them (commands/filters.ts), then the query the client sends. */
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addFilterOptions, addPagingOptions, queryOf } from "../../../cli/src/commands/filters.js";

/** The query a `list`-like command sends for these flags. */
function queryFor(...args: string[]) {
  const command = addPagingOptions(
    addFilterOptions(new Command("list").exitOverride().configureOutput({ writeErr: () => {} })),
  );
  command.parse(args, { from: "user" });
  return queryOf(command.opts());
}

describe("the filters as flags", () => {
  it("sends nothing the user did not ask for", () => {
    expect(queryFor()).toEqual({});
  });

  it("takes repeats and comma-separated lists, in the API's spelling, each value once", () => {
    expect(queryFor("--status", "queued,Running", "--status", "RUNNING", "--status", "complete")).toEqual({
      statuses: ["Queued", "Running", "Complete"],
    });
    expect(queryFor("--priority", "high,3", "--priority", "Critical", "--priority", "3")).toEqual({
      priorities: ["High", 3, "Critical"],
    });
    expect(queryFor("--workflow-name", "Sales.yxmd", "--workflow-name", " Returns.yxmd ")).toEqual({
      workflowNames: ["Sales.yxmd", "Returns.yxmd"],
    });
  });

  it("--user implies --all-users (the server applies users only with allUsers=true)", () => {
    expect(queryFor("--user", "u1,u2")).toEqual({ users: ["u1", "u2"], allUsers: true });
    expect(queryFor("--all-users")).toEqual({ allUsers: true });
  });

  it("dates go out as their UTC day; sort, direction and paging as given", () => {
    expect(
      queryFor(
        "--completed-after",
        "2025-12-01",
        "--completed-before",
        "2026-01-01",
        "--sort",
        "createdate",
        "--desc",
        "--limit",
        "50",
        "--offset",
        "0",
      ),
    ).toEqual({
      completedAfter: "2025-12-01",
      completedBefore: "2026-01-01",
      sortField: "CreateDate",
      direction: "desc",
      limit: 50,
      offset: 0,
    });
    const since = queryFor("--completed-after", "7d").completedAfter!;
    expect(since).toBe(new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10));
  });

  it.each([
    [["--status", "Done"], /expected one of Queued, Initializing, Running, Complete/],
    [["--priority", "Urgent"], /expected one of Low, Medium, High, Critical, got/],
    [["--sort", "Name"], /Allowed choices are|expected one of/],
    [["--offset", "-1"], /expected a whole number from 0/],
    [["--workflow-name", "a,,b"], /empty item in 'a,,b'/],
  ])("refuses %j", (args, message) => {
    expect(() => queryFor(...args)).toThrow(message);
  });
});
