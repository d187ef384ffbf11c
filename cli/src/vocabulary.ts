/**
 * The values the spec allows for the CLI's choices, read from the spec's generated operation table so that
 * `--help`, completion and the checks follow the spec without a copy.
 */
import { type EnqueueJobRequest, operationTable as operations } from "alteryx-jobs-api";

const list = operations.listJobs.parameters;
const workflowJobs = operations.listWorkflowJobs.parameters;

export const STATUSES = list.statuses.schema.items.enum;
export const NAMED_PRIORITIES = list.priorities.schema.items.oneOf[0].enum;
export const SORT_FIELDS = list.sortField.schema.enum;
export const WORKFLOW_JOB_STATUSES = workflowJobs.status.schema.enum;
export const RESULT_CODES = workflowJobs.resultCode.schema.enum;

type EnqueuePriority = NonNullable<EnqueueJobRequest["priority"]>;
/** A body value, not a parameter, so not in the table; the type check keeps it equal to the spec's enum. */
export const ENQUEUE_PRIORITIES = [
  "Default",
  "Low",
  "Medium",
  "High",
  "Critical",
] as const satisfies readonly EnqueuePriority[];
type Missing = Exclude<EnqueuePriority, (typeof ENQUEUE_PRIORITIES)[number]>;
const everyPriority: [Missing] extends [never] ? true : Missing = true;
void everyPriority;
