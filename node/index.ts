/** `alteryx-jobs-api/node`: helpers that need Node's file system, kept out of the portable core. */
export { type SaveJobOutputsOptions, type SavedOutput, saveJobOutputs } from "./save-outputs.js";
export { safeFileName } from "./safe-file-name.js";
