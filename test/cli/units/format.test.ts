/** How times, durations, states, tables and CSV read (cli/src/format.ts, table.ts, csv.ts, jobs-table.ts). */
import type { JobSummary } from "alteryx-jobs-api";
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { csvLine } from "../../../cli/src/csv.js";
import {
  humanDuration,
  messageKind,
  paintKind,
  paintState,
  parseTime,
  parseTimeSpan,
  relativeTime,
} from "../../../cli/src/format.js";
import { JOB_FIELDS, jobColumns, runTime } from "../../../cli/src/jobs-table.js";
import { renderTable } from "../../../cli/src/table.js";
import { colorsFor } from "../../../cli/src/terminal.js";

/** Colours that show themselves as tags, so a test sees which one was chosen. */
const tags = new Proxy({} as ReturnType<typeof colorsFor>, {
  get: (_, name: string) => (text: string) => `<${name}>${text}</${name}>`,
});
const plain = colorsFor(process.stdout, false);

describe("humanDuration", () => {
  it.each([
    [0, "0s"],
    [499, "0s"],
    [59_400, "59s"],
    [65_000, "1m 05s"],
    [3_599_000, "59m 59s"],
    [3_725_000, "1h 02m"],
    [200_000_000, "2d 07h"],
    [-5_000, "0s"],
    [Number.NaN, "-"],
    [Number.POSITIVE_INFINITY, "-"],
  ])("%d ms is %j", (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe("times from the server", () => {
  const now = Date.parse("2026-03-15T12:00:00Z");

  it("parseTime reads times with an offset as given, and without one as UTC", () => {
    expect(parseTime("2026-03-15T11:00:00Z")).toBe(Date.parse("2026-03-15T11:00:00Z"));
    expect(parseTime("2026-03-15T11:00:00")).toBe(Date.parse("2026-03-15T11:00:00Z"));
    expect(parseTime("2026-03-15T13:00:00+02:00")).toBe(Date.parse("2026-03-15T11:00:00Z"));
    expect(parseTime("2026-03-15T13:00:00+0200")).toBe(Date.parse("2026-03-15T11:00:00Z"));
    for (const missing of [null, undefined, "", "not a time"]) expect(parseTime(missing)).toBeUndefined();
  });

  it("relativeTime says how long ago, or in how long, or just now", () => {
    expect(relativeTime("2026-03-15T11:57:00Z", now)).toBe("3m ago");
    expect(relativeTime("2026-03-15T14:00:00Z", now)).toBe("in 2h");
    expect(relativeTime("2026-03-15T11:59:57Z", now)).toBe("just now");
    expect(relativeTime(null, now)).toBe("-");
  });

  it("parseTimeSpan reads .NET TimeSpans: hh:mm:ss and d.hh:mm:ss.fff", () => {
    expect(parseTimeSpan("00:00:06")).toBe(6_000);
    expect(parseTimeSpan("01:02:03")).toBe(3_723_000);
    expect(parseTimeSpan("1.00:00:00.5")).toBe(86_400_500);
    for (const other of [null, undefined, "", "6s", "1:2:3"]) expect(parseTimeSpan(other)).toBeUndefined();
  });
});

describe("states and message kinds", () => {
  it.each([
    ["Completed", "<green>Completed</green>"],
    ["Success", "<green>Success</green>"],
    ["Warning", "<yellow>Warning</yellow>"],
    ["Error", "<red>Error</red>"],
    ["Cancelled", "<red>Cancelled</red>"],
    ["Running", "<cyan>Running</cyan>"],
    ["initializing", "<cyan>initializing</cyan>"],
    ["Queued", "Queued"],
    [null, "-"],
  ])("paintState(%j) is %j", (state, painted) => expect(paintState(state, tags)).toBe(painted));

  it("names the engine's message kinds, and any other number as such", () => {
    expect([1, 2, 3, 4, 5, 9].map(messageKind)).toEqual(["info", "warning", "error", "done", "output", "kind 9"]);
    expect([3, 2, 1].map((k) => paintKind(k, tags))).toEqual([
      "<red>error</red>",
      "<yellow>warning</yellow>",
      "<dim>info</dim>",
    ]);
  });
});

describe("renderTable", () => {
  const columns = [
    { header: "ID", value: (r: { id: string; name: string; n: number }) => r.id },
    { header: "NAME", value: (r: { id: string; name: string; n: number }) => r.name, flexible: true },
    { header: "N", value: (r: { id: string; name: string; n: number }) => String(r.n), align: "right" as const },
  ];
  const rows = [
    { id: "a1", name: "Nightly returns cleanup.yxmd", n: 7 },
    { id: "b2", name: "Sales.yxmd", n: 12 },
  ];

  it("lines up columns two spaces apart, without borders or trailing spaces; numbers to the right", () => {
    expect(renderTable(rows, columns, 200).split("\n")).toEqual([
      "ID  NAME                           N",
      "a1  Nightly returns cleanup.yxmd   7",
      "b2  Sales.yxmd                    12",
    ]);
  });

  it("cuts the flexible column with … to fit the width, never below 8 characters", () => {
    const lines = renderTable(rows, columns, 24).split("\n");
    expect(lines[1]).toBe("a1  Nightly returns…   7");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(24);
    const narrow = renderTable(rows, columns, 5).split("\n");
    expect(narrow[1]).toBe("a1  Night…   7"); // 8 characters is the floor, whatever the width
  });

  it("measures coloured cells by what shows, and heads with the given style", () => {
    const painted = [
      { header: "STATE", value: (s: string) => paintState(s, pc.createColors(true)) },
      { header: "LEN", value: (s: string) => String(s.length) },
    ];
    const text = renderTable(["Error", "Completed"], painted, 80, pc.createColors(true).bold);
    expect(text).toContain("\x1b[31mError\x1b[39m");
    expect(text).toContain("\x1b[1mSTATE\x1b[22m");
    // Escape codes take no room: the second column starts at the same place on every line.
    expect(text.replace(/\x1b\[[0-9;]*m/g, "").split("\n")).toEqual(["STATE      LEN", "Error      5", "Completed  9"]);
  });
});

describe("csvLine", () => {
  it("quotes only fields with a comma, a quote or a line break (RFC 4180), and ends lines in CRLF", () => {
    expect(csvLine(["a", 1, null, undefined, "b,c", 'say "hi"', "two\nlines", "cr\r"])).toBe(
      'a,1,,,"b,c","say ""hi""","two\nlines","cr\r"\r\n',
    );
  });
});

describe("the job columns", () => {
  const now = Date.parse("2026-03-15T12:00:00Z");
  const job = (over: Partial<JobSummary>): JobSummary => ({
    jobId: "68dd3292c97fddfcc003adcb",
    status: "Completed",
    workflowName: "Sales.yxmd",
    workflowId: "68dd32922a719467662d27c7",
    submittedBy: "Ravi Iyer",
    queueTime: "2026-03-15T11:00:00Z",
    startTime: "2026-03-15T11:01:00Z",
    executionTime: "00:02:30",
    priority: "High",
    ...over,
  });

  it("run time: the executionTime of a finished job, the time so far of a running one, else nothing", () => {
    expect(runTime(job({}), now)).toBe(150_000);
    expect(runTime(job({ status: "Running", executionTime: null }), now)).toBe(59 * 60_000);
    expect(runTime(job({ status: "Queued", startTime: null, executionTime: null }), now)).toBeUndefined();
  });

  it("a row reads as the table shows it; unknown values are '-'", () => {
    const cells = (j: JobSummary) => jobColumns(plain, now).map((c) => c.value(j));
    expect(cells(job({}))).toEqual([
      "68dd3292c97fddfcc003adcb",
      "Completed",
      "Sales.yxmd",
      "Ravi Iyer",
      "High",
      "1h ago",
      "2m 30s",
    ]);
    expect(
      cells(job({ submittedBy: undefined, status: "Queued", startTime: null, executionTime: null })).slice(3),
    ).toEqual(["-", "High", "1h ago", "-"]);
  });

  it("CSV and NDJSON carry every field of a listed job", () => {
    expect([...JOB_FIELDS].sort()).toEqual(Object.keys(job({})).sort());
  });
});
