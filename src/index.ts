export { createJobsClient, type JobsClient, type JobsClientOptions } from "./client.js";
export { JobsApiError, type JobsApiErrorKind } from "./errors.js";
export type { JobsClientAuth } from "./auth.js";
export type { RetryOptions } from "./options.js";
export type { JobOutputFile, JobOutputOptions } from "./outputs.js";
export { isFinished } from "./wait.js";
export type * from "./types.js";
export type { paths, components, operations } from "../generated/schema.js";
export { operations as operationTable } from "../generated/operations.js";
