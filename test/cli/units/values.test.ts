/** The parsers of option values (cli/src/values.ts): each value, or commander's InvalidArgumentError (exit 2). */
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import {
  duration,
  integer,
  listOf,
  nameValue,
  nonEmpty,
  oneOf,
  pointInTime,
  repeated,
  utcDay,
} from "../../../cli/src/values.js";

/** The message of the InvalidArgumentError that `parse` throws (and fails the test when it throws nothing). */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal, got a value");
}

describe("duration", () => {
  it.each([
    ["30s", 30_000],
    ["10m", 600_000],
    ["2h", 7_200_000],
    ["1.5h", 5_400_000],
    [" 5s ", 5_000],
  ])("%j is %d ms", (text, ms) => expect(duration(text)).toBe(ms));

  it.each(["10", "10d", "s", "-5s", "1e3s", "", "10 m"])("refuses %j: the unit is never guessed", (text) => {
    expect(refusal(() => duration(text))).toBe(`expected a duration such as 30s, 10m or 2h, got '${text}'`);
  });

  it("refuses zero and what a timer cannot hold (over 2^31 - 1 ms)", () => {
    expect(refusal(() => duration("0s"))).toBe("duration out of range: '0s'");
    expect(duration("596h")).toBe(596 * 3_600_000);
    expect(refusal(() => duration("597h"))).toBe("duration out of range: '597h'");
  });
});

describe("pointInTime", () => {
  const now = Date.UTC(2026, 2, 15, 12, 0, 0);

  it("reads yyyy-MM-dd as midnight UTC", () => {
    expect(pointInTime("2025-12-31", now).toISOString()).toBe("2025-12-31T00:00:00.000Z");
  });

  it.each([
    ["90m", "2026-03-15T10:30:00.000Z"],
    ["24h", "2026-03-14T12:00:00.000Z"],
    ["7d", "2026-03-08T12:00:00.000Z"],
    ["2w", "2026-03-01T12:00:00.000Z"],
  ])("reads %j as that long before now", (text, iso) => {
    expect(pointInTime(text, now).toISOString()).toBe(iso);
  });

  it.each(["2025-02-30", "2025-13-01", "25-01-01", "2025/01/01", "7", "7y", "1.5d", "yesterday"])(
    "refuses %j",
    (text) => {
      expect(refusal(() => pointInTime(text, now))).toBe(
        `expected a date yyyy-MM-dd or a relative time such as 7d or 24h, got '${text}'`,
      );
    },
  );

  it("utcDay is the date's UTC day, as the API's date filters want it", () => {
    expect(utcDay(new Date("2025-12-31T23:59:59-05:00"))).toBe("2026-01-01");
  });
});

describe("integer", () => {
  it("takes whole numbers within the range, and says the range when it refuses", () => {
    expect(integer(1)("5")).toBe(5);
    expect(integer(0, 10)("0")).toBe(0);
    expect(integer(0, 10)("10")).toBe(10);
    expect(refusal(() => integer(1)("0"))).toBe("expected a whole number of at least 1, got '0'");
    expect(refusal(() => integer(0, 10)("11"))).toBe("expected a whole number from 0 to 10, got '11'");
    for (const text of ["1.5", "-1", "1e3", "0x10", "", "five"]) refusal(() => integer(0)(text));
  });
});

describe("oneOf", () => {
  const status = oneOf(["Queued", "Running", "Complete"] as const);

  it("matches without regard to case and answers as the API spells it", () => {
    expect(status("queued")).toBe("Queued");
    expect(status(" RUNNING ")).toBe("Running");
  });

  it("refuses anything else, listing the choices", () => {
    expect(refusal(() => status("Done"))).toBe("expected one of Queued, Running, Complete, got 'Done'");
  });
});

describe("listOf, repeated, nameValue, nonEmpty", () => {
  it("listOf takes repeats and comma-separated lists, each item parsed, in order", () => {
    const statuses = listOf(oneOf(["Queued", "Running"] as const));
    expect(statuses("running", statuses("Queued,Running", undefined))).toEqual(["Queued", "Running", "Running"]);
    expect(refusal(() => statuses("Queued,,Running", undefined))).toBe("empty item in 'Queued,,Running'");
    expect(refusal(() => statuses("Queued,Done", undefined))).toMatch(/got 'Done'$/);
  });

  it("repeated keeps commas inside a value", () => {
    expect(repeated("b,c", repeated("a", undefined))).toEqual(["a", "b,c"]);
  });

  it("nameValue splits at the first '=' and needs a name", () => {
    expect(nameValue("Region=EU=1", undefined)).toEqual([{ name: "Region", value: "EU=1" }]);
    expect(nameValue("empty=", [{ name: "a", value: "b" }])).toEqual([
      { name: "a", value: "b" },
      { name: "empty", value: "" },
    ]);
    expect(refusal(() => nameValue("novalue", undefined))).toBe("expected name=value, got 'novalue'");
    expect(refusal(() => nameValue("=x", undefined))).toBe("expected name=value, got '=x'");
  });

  it("nonEmpty trims, and refuses blank ids", () => {
    expect(nonEmpty(" 68dd3292c97fddfcc003adcb ")).toBe("68dd3292c97fddfcc003adcb");
    expect(refusal(() => nonEmpty("  "))).toBe("must not be empty");
  });
});
