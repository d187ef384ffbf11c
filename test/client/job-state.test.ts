/** One reading of the server's words about a job, shared by the client, the command line and anyone who shows one. */
import { describe, expect, it } from "vitest";
import { hasFailed, isFinished, jobState } from "../../src/index.js";

describe("job states", () => {
  it.each([
    ["Queued", "queued"],
    ["Created", "queued"],
    ["Initializing", "running"],
    ["RUNNING", "running"],
    ["Completed", "completed"],
    ["Complete", "completed"],
    ["success", "succeeded"],
    ["Warning", "warning"],
    ["Error", "failed"],
    ["Failed", "failed"],
    ["Cancelled", "cancelled"],
    ["canceled", "cancelled"],
    ["None", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j is %j, in any letter case", (word, state) => {
    expect(jobState(word)).toBe(state);
  });

  it("a job has finished when completed or cancelled, or when its disposition shows a failure", () => {
    expect(isFinished({ status: "completed", disposition: "Success" })).toBe(true);
    expect(isFinished({ status: "Canceled" })).toBe(true);
    expect(isFinished({ status: "Running", disposition: "ERROR" })).toBe(true);
    expect(isFinished({ status: "Queued", disposition: "None" })).toBe(false);
  });

  it("a job has failed when cancelled or its disposition says Error or Cancelled; a Warning has not", () => {
    expect(hasFailed({ status: "Completed", disposition: "Error" })).toBe(true);
    expect(hasFailed({ status: "Cancelled", disposition: null })).toBe(true);
    expect(hasFailed({ status: "Completed", disposition: "Warning" })).toBe(false);
    expect(hasFailed({ status: "Completed", disposition: "Success" })).toBe(false);
  });
});
