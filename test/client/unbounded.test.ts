/**
 * What no source bounds, the client sends and the server judges. These calls go to the real Prism mock, which
 * validates each request against the spec: `limit` beyond the old invented 1000, an `offset` far out, a sort
 * field the workflow endpoint was never documented to take, long free-text values in the enqueue body.
 */
import { describe, expect, inject, it } from "vitest";
import { createJobsClient } from "../../src/index.js";

/** A client on the Prism mock that records every URL it sends (the real fetch does the sending). */
function mockClient() {
  const sent: URL[] = [];
  const ayx = createJobsClient({
    baseUrl: inject("mockUrl"),
    auth: { token: "t" },
    retry: 0,
    fetch: (input, init) => {
      sent.push(new URL(String(input instanceof Request ? input.url : input)));
      return fetch(input, init);
    },
  });
  return { ayx, sent };
}

describe("values no source bounds are sent, and the mock answers them", () => {
  it("listJobs({ limit: 5000 }) is sent as limit=5000", async () => {
    const { ayx, sent } = mockClient();
    const page = await ayx.listJobs({ limit: 5000 });
    expect(sent.map((u) => `${u.pathname}${u.search}`)).toEqual(["/v3/jobs?limit=5000"]);
    expect(Array.isArray(page.data)).toBe(true);
  });

  it("listJobs with limit 0 and a far offset is sent too: the server judges", async () => {
    const { ayx, sent } = mockClient();
    await ayx.listJobs({ limit: 0, offset: 3_000_000 });
    expect(sent[0]!.searchParams.get("limit")).toBe("0");
    expect(sent[0]!.searchParams.get("offset")).toBe("3000000");
  });

  it('listWorkflowJobs(id, { sortField: "Anything" }) is sent, without a default limit', async () => {
    const { ayx, sent } = mockClient();
    const jobs = await ayx.listWorkflowJobs("68dd32922a719467662d27c7", { sortField: "Anything" });
    expect(sent.map((u) => `${u.pathname}${u.search}`)).toEqual([
      "/v3/workflows/68dd32922a719467662d27c7/jobs?sortField=Anything",
    ]);
    expect(Array.isArray(jobs)).toBe(true);
  });

  it("listWorkflowJobs takes a limit of 5000 as well", async () => {
    const { ayx, sent } = mockClient();
    await ayx.listWorkflowJobs("w1", { limit: 5000, sortField: "CreateDate", direction: "asc" });
    const query = Object.fromEntries(sent[0]!.searchParams);
    expect(query).toEqual({ sortField: "CreateDate", direction: "asc", limit: "5000" });
  });

  it("enqueueJob sends long ids, tags and answers, and many questions", async () => {
    const { ayx, sent } = mockClient();
    // 1,500 questions, the first with a 2 MB answer.
    const questions = Array.from({ length: 1500 }, (_, i) => ({ name: `q${i}`, value: "v".repeat(i ? 1 : 2_000_000) }));
    const body = { workerTag: "t".repeat(300), credentialId: "c".repeat(300), questions };
    const job = await ayx.enqueueJob("w".repeat(300), body);
    expect(sent[0]!.pathname).toBe(`/v3/workflows/${"w".repeat(300)}/jobs`);
    expect(typeof job.id).toBe("string");
  });

  it("a job id longer than 256 characters is sent", async () => {
    const { ayx, sent } = mockClient();
    await ayx.getJob("j".repeat(1000), { includeMessages: false });
    expect(sent[0]!.pathname).toBe(`/v3/jobs/${"j".repeat(1000)}`);
  });
});
