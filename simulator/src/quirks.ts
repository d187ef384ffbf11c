/**
 * The questions where the help page, the server's Swagger and real servers disagree or say nothing, and the
 * answers a server can give. The conformance run detects them on a real server (its "server profile"); the
 * simulator can be told to answer any of them (`--quirk name=value`, `startSimulator({ quirks })`). The first
 * value of each is the spec's reading and the simulator's default.
 */

export const QUIRK_VALUES = {
  messages: ["array", "object"],
  completedAfter: ["inclusive", "exclusive"],
  completedBefore: ["exclusive", "inclusive"],
  unstartedTimes: ["null", "absent", "zero-date"],
  trailingSlash: ["accepted", "not-found"],
  bearerCase: ["insensitive", "sensitive"],
  enumCase: ["sensitive", "insensitive"],
  cancelBody: ["message", "empty"],
  artisanOnCuratorRoutes: [401, 403],
  /** comma: `a,b` is two values and of a repeated parameter only the first counts (a string bound by ASP.NET);
   * repeated: each parameter is one value, commas and all; both: either way. */
  multiValue: ["comma", "repeated", "both"],
  /** What 401, 403 and 404 answers carry (not the token endpoint's): `{ message }`, nothing, or the text alone. */
  errorBodies: ["message", "empty", "text"],
  /** What a job that has not finished carries as its executionTime. */
  executionTime: ["null", "absent"],
  /** other: a failed run ends with the disposition `Failed`, a value the spec does not list. */
  dispositions: ["known", "other"],
  /** octet-stream: every output download is sent as application/octet-stream, whatever its format. */
  outputTypes: ["registered", "octet-stream"],
} as const;

type Enumerated = { -readonly [Q in keyof typeof QUIRK_VALUES]: (typeof QUIRK_VALUES)[Q][number] };

/** One server's answers. `limitCap`: the largest page served when more is asked for, or "none". */
export interface Quirks extends Enumerated {
  limitCap: number | "none";
}

export type QuirkName = keyof Quirks;

/** The quirks a conformance run's server profile asks about: each answer is judged against the spec's reading. */
export const PROFILE_QUIRKS = [
  "messages",
  "completedAfter",
  "completedBefore",
  "unstartedTimes",
  "trailingSlash",
  "bearerCase",
  "enumCase",
  "limitCap",
  "cancelBody",
  "artisanOnCuratorRoutes",
] as const satisfies readonly QuirkName[];

/** Every quirk: the profile's, then those the conformance run judges by checks of its own. */
export const QUIRK_NAMES: readonly QuirkName[] = [
  ...PROFILE_QUIRKS,
  "multiValue",
  "errorBodies",
  "executionTime",
  "dispositions",
  "outputTypes",
];

/** The spec's readings: what the simulator does unless told otherwise. */
export const SPEC_QUIRKS: Readonly<Quirks> = {
  messages: "array",
  completedAfter: "inclusive",
  completedBefore: "exclusive",
  unstartedTimes: "null",
  trailingSlash: "accepted",
  bearerCase: "insensitive",
  enumCase: "sensitive",
  limitCap: "none",
  cancelBody: "message",
  artisanOnCuratorRoutes: 401,
  multiValue: "comma",
  errorBodies: "message",
  executionTime: "null",
  dispositions: "known",
  outputTypes: "registered",
};

/** Where each reading comes from, in the spec's own words where it has them. */
export const SPEC_READINGS: Readonly<Record<QuirkName, string>> = {
  messages: "getJobMessages answers an array or one message object (JobMessages); the help page promises all messages",
  completedAfter: "completedAfter: jobs completed on or after the day (the server's Swagger; the help page says after)",
  completedBefore: "completedBefore: jobs completed before the day, the day itself excluded (help page and Swagger)",
  unstartedTimes: "startTime is null while the job has not started (NullableDateTime)",
  trailingSlash: "says nothing; ASP.NET Web API routes match with or without a trailing slash",
  bearerCase: "says nothing; the auth scheme is case-insensitive (RFC 7235, 2.1)",
  enumCase: "enums are exact strings (JSON Schema enum), e.g. statuses=Queued",
  limitCap: 'limit has no maximum: no source gives one, so the server decides (help page: "Enter limit for paging")',
  cancelBody: "cancelJob answers {message} (help page); the server's Swagger declares no body",
  artisanOnCuratorRoutes: "a non-Curator gets 401 on Curator-only operations (no 403 is declared)",
  multiValue: "several values of a filter go comma-separated in one parameter (statuses=Queued,Running)",
  errorBodies: "401, 403 and 404 answers carry { message } (ErrorBody)",
  executionTime: "executionTime is null while the job has not finished (help page: a string such as 00:00:02)",
  dispositions: "a finished job's disposition is Success, Warning, Error or Cancelled (JobDisposition)",
  outputTypes: "an output is sent with its format's registered media type, such as text/csv for Csv (inferred)",
};

/** A value as written on a command line (`limitCap=500`, `artisanOnCuratorRoutes=403`), checked. */
export function parseQuirk(text: string): Partial<Quirks> {
  const eq = text.indexOf("=");
  const name = text.slice(0, Math.max(0, eq)) as QuirkName;
  const value = text.slice(eq + 1);
  if (eq < 0 || !QUIRK_NAMES.includes(name)) {
    throw new RangeError(`--quirk takes name=value with a name of: ${QUIRK_NAMES.join(", ")}; not '${text}'`);
  }
  // Numbers become numbers; anything else stays as written, so that the error quotes it.
  return { [name]: /^\d+$/.test(value) ? Number(value) : value } as Partial<Quirks>;
}

/** The spec's readings with `given` on top; throws a RangeError naming a wrong name or value. */
export function resolveQuirks(given: Partial<Quirks> = {}): Quirks {
  for (const [name, value] of Object.entries(given)) {
    if (name === "limitCap") {
      if (value !== "none" && !(Number.isInteger(value) && (value as number) >= 1)) {
        throw new RangeError(`quirk limitCap must be a whole number from 1 or "none", not '${String(value)}'`);
      }
      continue;
    }
    const allowed = (QUIRK_VALUES as Record<string, readonly unknown[]>)[name];
    if (!allowed) throw new RangeError(`unknown quirk '${name}'; known: ${QUIRK_NAMES.join(", ")}`);
    if (!allowed.includes(value)) {
      throw new RangeError(`quirk ${name} must be one of ${allowed.join(", ")}, not '${String(value)}'`);
    }
  }
  return { ...SPEC_QUIRKS, ...given };
}
