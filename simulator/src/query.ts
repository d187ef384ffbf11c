/**
 * Query-string parsing and validation. Every parameter is checked; a bad value becomes an entry in a
 * `modelState` map keyed by the parameter's name, never an exception.
 */
import {
  DISPOSITION,
  NAMED_PRIORITY_BASE,
  PRIORITY_NAMES,
  STATUS,
  priorityCodeOfName,
  type DispositionCode,
  type PriorityName,
  type StatusCode,
} from "./vocabulary.js";

export type ModelState = Record<string, string[]>;

/** The server's habits that parsing follows (see quirks.ts). */
export interface QueryRules {
  /** Whether enum values match in any case (`statuses=queued`). */
  enumCase: "sensitive" | "insensitive";
  /** The largest page served: a bigger `limit` is cut to it; "none" serves any size. */
  limitCap: number | "none";
  /** How several values of a list parameter travel (see quirks.ts). */
  multiValue: "comma" | "repeated" | "both";
}

const SPEC_RULES: QueryRules = { enumCase: "sensitive", limitCap: 1000, multiValue: "comma" };
export type Parsed<T> = { ok: true; value: T } | { ok: false; modelState: ModelState };

export const SORT_FIELDS = ["CreateDate", "AppName", "CompletionDateTime", "Priority", "Status"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type Direction = "asc" | "desc";

export interface Paging {
  sortField: SortField;
  direction: Direction;
  offset: number;
  limit: number;
}

export interface ListJobsQuery extends Paging {
  statuses: Set<StatusCode> | undefined;
  /** Stored priority codes to keep (see model.ts). */
  priorities: Set<number> | undefined;
  /** User ids to keep; set only when allUsers=true. */
  users: Set<string> | undefined;
  /**
   * true: every user's jobs; false: only the caller's ("To include all users, select true", the help page);
   * absent: every user's, as this simulator has always answered (inferred: no server was seen without it).
   */
  allUsers: boolean | undefined;
  workflowNames: Set<string> | undefined;
  /** Exclusive upper bound on completion time, ms since the epoch. */
  completedBefore: number | undefined;
  /** Inclusive lower bound on completion time, ms since the epoch. */
  completedAfter: number | undefined;
}

export type WorkflowJobStatusFilter = "Complete" | "Error" | "Running" | "Queued";

export interface WorkflowJobsQuery extends Paging {
  status: WorkflowJobStatusFilter | undefined;
  resultCode: DispositionCode | undefined;
}

export interface GetJobQuery {
  includeMessages: boolean;
}

const STATUS_FILTERS: Record<string, StatusCode> = {
  Queued: STATUS.Queued,
  Initializing: STATUS.Initializing,
  Running: STATUS.Running,
  Complete: STATUS.Completed,
};
const RESULT_CODES: Record<string, DispositionCode> = {
  Success: DISPOSITION.Success,
  Warning: DISPOSITION.Warning,
  Error: DISPOSITION.Error,
};
const WORKFLOW_STATUSES: readonly WorkflowJobStatusFilter[] = ["Complete", "Error", "Running", "Queued"];
const MAX_LIST_ITEMS = 100;
const INT32_MAX = 2147483647;

/** Reads parameters from a query string and collects what is wrong with them. */
class QueryReader {
  readonly modelState: ModelState = {};

  constructor(
    private readonly params: URLSearchParams,
    private readonly rules: QueryRules,
  ) {}

  /** The allowed spelling of `value`, or undefined; any case matches when the server ignores case. */
  spelling<T extends string>(value: string, allowed: readonly T[]): T | undefined {
    if (this.rules.enumCase === "sensitive") return allowed.find((a) => a === value);
    const lower = value.toLowerCase();
    return allowed.find((a) => a.toLowerCase() === lower);
  }

  fail(name: string, message: string): undefined {
    (this.modelState[name] ??= []).push(message);
    return undefined;
  }

  get failed(): boolean {
    return Object.keys(this.modelState).length > 0;
  }

  /** A single-valued parameter; empty counts as absent, repeating it is an error. */
  single(name: string): string | undefined {
    const values = this.params.getAll(name);
    if (values.length > 1) return this.fail(name, `The parameter '${name}' takes one value, not ${values.length}.`);
    const value = values[0]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  /** A list: comma-separated, repeated, or both, as the rules say; empty items are dropped. */
  list(name: string): string[] | undefined {
    const { multiValue } = this.rules;
    const given = multiValue === "comma" ? this.params.getAll(name).slice(0, 1) : this.params.getAll(name);
    const items = (multiValue === "repeated" ? given : given.flatMap((v) => v.split(",")))
      .map((v) => v.trim())
      .filter((v) => v !== "");
    if (items.length === 0) return undefined;
    if (items.length > MAX_LIST_ITEMS)
      return this.fail(name, `The parameter '${name}' takes at most ${MAX_LIST_ITEMS} values.`);
    return items;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.single(name);
    if (value === undefined) return undefined;
    const known = this.spelling(value, allowed);
    if (known !== undefined) return known;
    return this.fail(name, `The value '${value}' is not valid for ${name}. Valid values: ${allowed.join(", ")}.`);
  }

  boolean(name: string): boolean | undefined {
    const value = this.single(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === "true" || lower === "false") return lower === "true";
    return this.fail(name, `The value '${value}' is not valid for ${name}: use true or false.`);
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.single(name);
    if (value === undefined) return undefined;
    const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    return this.fail(name, `The value '${value}' is not valid for ${name}: use a whole number from ${min} to ${max}.`);
  }

  /** A `yyyy-MM-dd` day, as the UTC start of that day in ms. */
  day(name: string): number | undefined {
    const value = this.single(name);
    if (value === undefined) return undefined;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) {
      const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const ms = Date.UTC(y, m - 1, d);
      const back = new Date(ms);
      if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) return ms;
    }
    return this.fail(name, `The value '${value}' is not a valid date for ${name}: use yyyy-MM-dd.`);
  }

  paging(): Paging {
    const { limitCap } = this.rules;
    const limit = this.integer("limit", 1, INT32_MAX) ?? 50;
    return {
      sortField: this.oneOf("sortField", SORT_FIELDS) ?? "CreateDate",
      direction: this.oneOf<Direction>("direction", ["asc", "desc"]) ?? "desc",
      offset: this.integer("offset", 0, INT32_MAX) ?? 0,
      limit: limitCap === "none" ? limit : Math.min(limit, limitCap),
    };
  }

  result<T>(value: T): Parsed<T> {
    return this.failed ? { ok: false, modelState: this.modelState } : { ok: true, value };
  }
}

function toSet<T>(
  name: string,
  reader: QueryReader,
  items: string[] | undefined,
  map: (item: string) => T | undefined,
  valid: string,
): Set<T> | undefined {
  if (items === undefined) return undefined;
  const set = new Set<T>();
  for (const item of items) {
    const mapped = map(item);
    if (mapped === undefined)
      reader.fail(name, `The value '${item}' is not valid for ${name}. Valid values: ${valid}.`);
    else set.add(mapped);
  }
  return set;
}

/**
 * A priority filter value: a name (Default too, which the spec's enum leaves out), or a non-negative
 * whole number. Numbers above 9 are valid but match nothing (-1).
 */
function priorityFilterCode(r: QueryReader, item: string): number | undefined {
  const name = r.spelling<PriorityName>(item, PRIORITY_NAMES);
  if (name !== undefined) return priorityCodeOfName(name);
  if (/^\d{1,10}$/.test(item) && Number(item) <= INT32_MAX)
    return Number(item) < NAMED_PRIORITY_BASE ? Number(item) : -1;
  return undefined;
}

export function parseListJobsQuery(params: URLSearchParams, rules = SPEC_RULES): Parsed<ListJobsQuery> {
  const r = new QueryReader(params, rules);
  const paging = r.paging();
  const statusNames = Object.keys(STATUS_FILTERS);
  const statusOf = (s: string) => STATUS_FILTERS[r.spelling(s, statusNames) ?? ""];
  const statuses = toSet("statuses", r, r.list("statuses"), statusOf, statusNames.join(", "));
  const priorityOf = (p: string) => priorityFilterCode(r, p);
  const priorityNames = `${PRIORITY_NAMES.join(", ")} or a whole number`;
  const priorities = toSet("priorities", r, r.list("priorities"), priorityOf, priorityNames);
  const userIds = r.list("users");
  const allUsers = r.boolean("allUsers");
  const workflowNames = r.list("workflowNames");
  const completedBefore = r.day("completedBefore");
  const completedAfter = r.day("completedAfter");
  return r.result({
    ...paging,
    statuses,
    priorities,
    users: allUsers && userIds ? new Set(userIds) : undefined,
    allUsers,
    workflowNames: workflowNames ? new Set(workflowNames) : undefined,
    completedBefore,
    completedAfter,
  });
}

export function parseWorkflowJobsQuery(params: URLSearchParams, rules = SPEC_RULES): Parsed<WorkflowJobsQuery> {
  const r = new QueryReader(params, rules);
  const paging = r.paging();
  const status = r.oneOf("status", WORKFLOW_STATUSES);
  const resultCodeName = r.oneOf("resultCode", Object.keys(RESULT_CODES));
  return r.result({
    ...paging,
    status,
    resultCode: resultCodeName === undefined ? undefined : RESULT_CODES[resultCodeName],
  });
}

export function parseGetJobQuery(params: URLSearchParams): Parsed<GetJobQuery> {
  const r = new QueryReader(params, SPEC_RULES);
  const includeMessages = r.boolean("includeMessages") ?? true;
  return r.result({ includeMessages });
}
