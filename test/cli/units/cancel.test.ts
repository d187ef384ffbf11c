/** `cancel`'s pure parts (commands/cancel.ts): which jobs it picks, and how it words each outcome. */
import { JobsApiError } from "alteryx-jobs-api";
import { describe, expect, it } from "vitest";
import { cancelReport, selectionOf } from "../../../cli/src/commands/cancel.js";
import { CliError } from "../../../cli/src/exit-codes.js";

describe("cancel: by id or by filter, never both", () => {
  it("ids alone, or filters alone (--all-users counts as one)", () => {
    expect(selectionOf(["a", "b"], {})).toBe("ids");
    expect(selectionOf([], { status: ["Queued"] })).toBe("filters");
    expect(selectionOf([], { allUsers: true })).toBe("filters");
    expect(selectionOf([], { completedBefore: new Date() })).toBe("filters");
  });

  it.each([
    ["status", { status: ["Queued" as const] }],
    ["priority", { priority: ["High"] }],
    ["workflowName", { workflowName: ["Sales.yxmd"] }],
    ["user", { user: ["u1"] }],
    ["allUsers", { allUsers: true }],
    ["completedAfter", { completedAfter: new Date() }],
  ])("refuses ids together with %s (the ids would be cancelled whatever the filter says)", (_, flags) => {
    expect(() => selectionOf(["68dd3292c97fddfcc003adcb"], flags)).toThrow(
      new CliError("give job ids or filters (--status, --workflow-name, ...), not both", 2),
    );
  });

  it("refuses neither", () => {
    expect(() => selectionOf([], {})).toThrow(/name the jobs to cancel, or pick them with filters/);
  });
});

describe("cancelReport", () => {
  const id = "68dd3292c97fddfcc003adcb";
  const error = (operationId: string, status: number | undefined, kind: "http" | "network" = "http") =>
    new JobsApiError({ kind, status, operationId, message: `${operationId} failed with ${status}` });

  it("a cancel the server confirmed: its outcome and words, exit code 0", () => {
    expect(cancelReport(id, { value: { outcome: "deleted", message: "Deleted Successfully." } })).toEqual({
      result: { jobId: id, outcome: "deleted", message: "Deleted Successfully." },
      exitCode: 0,
    });
  });

  it("an outcome the client could not tell stays a success, said as such", () => {
    const value = { outcome: "unknown" as "cancelled", message: "" };
    expect(cancelReport(id, { value })).toMatchObject({ result: { outcome: "cancelled or deleted" }, exitCode: 0 });
  });

  it("the DELETE succeeded but reading the job back failed: stopped, never 'not cancelled'", () => {
    const report = cancelReport(id, { error: error("getJob", 500) });
    expect(report.exitCode).toBe(0);
    expect(report.result.outcome).toBe("cancelled or deleted");
    expect(report.result.note).toMatch(/^the server did not say which, and reading the job back failed: getJob/);
    expect(cancelReport(id, { error: error("getJob", undefined, "network") }).result.outcome).toBe(
      "cancelled or deleted",
    );
  });

  it.each([
    ["a refusal (a finished job, or someone else's)", "cancelJob", 400, 1],
    ["not found", "cancelJob", 404, 4],
    ["not allowed", "cancelJob", 401, 3],
    ["refused credentials: nothing was sent", "requestToken", 401, 3],
    ["a server error on the DELETE", "cancelJob", 500, 5],
  ])("%s: not cancelled, exit code %s", (_, operationId, status, code) => {
    const report = cancelReport(id, { error: error(operationId as string, status as number) });
    expect(report.result.outcome).toBe("not cancelled");
    expect(report.result.error).toMatchObject({ operationId, status });
    expect(report.exitCode).toBe(code);
  });
});
