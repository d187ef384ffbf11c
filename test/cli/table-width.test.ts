/** Tables fit the terminal: at 80 columns a job table (the widest of list, cancel and watch) does not wrap. */
import { describe, expect, it } from "vitest";
import pc from "picocolors";
import { relativeTime } from "../../cli/src/format.js";
import type { JobSummary } from "../../src/index.js";
import { jobColumns } from "../../cli/src/jobs-table.js";
import { renderTable } from "../../cli/src/table.js";

const job = (k: number): JobSummary =>
  ({
    jobId: `6b11508fc86141f8643dfe4${k}`,
    status: "Running",
    workflowName: "Weekly fleet reconciliation.yxmd",
    workflowId: "6617280087f2b6c5fefc18d0",
    submittedBy: "Ingrid Petrova",
    queueTime: new Date(Date.now() - 1_000_000).toISOString(),
    startTime: new Date(Date.now() - 900_000).toISOString(),
    executionTime: "00:15:35",
    priority: "Critical",
  }) as JobSummary;

describe("tables at 80 columns", () => {
  it("relative times are one unit: 16m ago, not 16m 40s ago", () => {
    const now = Date.parse("2026-12-03T12:00:00Z");
    expect(relativeTime("2026-12-03T11:43:20Z", now)).toBe("16m ago");
    expect(relativeTime("2026-12-03T06:03:00Z", now)).toBe("5h ago");
    expect(relativeTime("2026-12-03T12:00:02Z", now)).toBe("just now");
  });

  it("a job table fits in 80 columns, so that no row wraps", () => {
    const text = renderTable([job(0), job(1)], jobColumns(pc.createColors(false)), 80);
    const widths = text.split("\n").map((l) => l.length);
    expect(Math.max(...widths), text).toBeLessThanOrEqual(80);
    // Every column is still there; the widest flexible one gives up a few characters (its header too).
    expect(text).toMatch(/^JOB\s+STATUS\s+WORKF\S*\s+USER\s+PRIORITY\s+QUEUED\s+RUN TIME$/m);
    expect(text).toMatch(/ 16m ago /); // the time column, one unit wide
  });
});
