/** Redirects within the origin: how each status is followed (RFC 9110, section 15.4). */
import { describe, expect, it } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { BASE, fakeFetch, job, json } from "../support/fake-fetch.js";

/** A server that answers the first request with `status` and a Location, and the next with a job. */
function redirecting(status: number) {
  return fakeFetch((req) =>
    req.url.pathname.endsWith("/moved")
      ? json(job("j1", "Queued"))
      : new Response(null, { status, headers: { location: `${BASE}/moved` } }),
  );
}
const seen = (sent: ReturnType<typeof fakeFetch>["sent"]) =>
  sent.map((r) => [r.method, r.url.pathname, r.body ?? null, r.headers.get("content-type")]);

describe("redirects after a POST", () => {
  it("a 303 is followed with GET and without the body (RFC 9110, 15.4.4)", async () => {
    const { fetch, sent } = redirecting(303);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await expect(ayx.enqueueJob("w1", { priority: "High" })).resolves.toMatchObject({ id: "j1" });
    expect(seen(sent)).toEqual([
      ["POST", "/webapi/v3/workflows/w1/jobs", '{"priority":"High"}', "application/json"],
      ["GET", "/webapi/moved", null, null],
    ]);
  });

  it.each([307, 308])("a %d repeats the POST with its body (RFC 9110, 15.4.8 and 15.4.9)", async (status) => {
    const { fetch, sent } = redirecting(status);
    const ayx = createJobsClient({ baseUrl: BASE, auth: { token: "t" }, fetch });
    await ayx.enqueueJob("w1", { priority: "High" });
    expect(seen(sent)[1]).toEqual(["POST", "/webapi/moved", '{"priority":"High"}', "application/json"]);
  });
});
