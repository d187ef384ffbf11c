/**
 * What the facade itself relies on in a 2xx body, for the operations whose fields it reads; the full check against
 * the spec is `validateResponses`. An operation without an entry is taken as the server sends it.
 */
import type { OperationId } from "./operation-types.js";

type Shape = (data: unknown) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isJob: Shape = (v) => isObject(v) && typeof v.id === "string" && typeof v.status === "string";
const isPage: Shape = (v) =>
  isObject(v) &&
  Array.isArray(v.data) &&
  isObject(v.pagination) &&
  v.data.every((j) => isObject(j) && typeof j.jobId === "string");
const JOB = { fits: isJob, description: "a job with id and status" };
const isToken: Shape = (v) => isObject(v) && typeof v.access_token === "string" && v.access_token !== "";

export const EXPECTED: Partial<Record<OperationId, { fits: Shape; description: string }>> = {
  listJobs: { fits: isPage, description: "{ data: [{ jobId, ... }], pagination: {...} }" },
  getJob: JOB,
  enqueueJob: JOB,
  getJobMessages: { fits: (v) => Array.isArray(v) || isObject(v), description: "a message or an array of messages" },
  cancelJob: { fits: (v) => v === undefined || isObject(v), description: "{ message }" },
  listWorkflowJobs: { fits: Array.isArray, description: "an array of jobs" },
  requestToken: { fits: isToken, description: "{ access_token, token_type, expires_in }" },
};
