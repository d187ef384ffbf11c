/**
 * The spec violations Prism reports, read from what it answers: the `sl-violations` header (mock, and proxy for
 * warnings) or a 422/500 `application/problem+json` body with a `validation` list (proxy with `--errors`).
 * This is test tooling: the library knows nothing of Prism.
 */

export interface Violation {
  /** e.g. "GET /v3/jobs" */
  request: string;
  /** e.g. "response.body.pagination.currentPage" */
  location: string;
  message: string;
}

interface PrismViolation {
  location?: unknown;
  message?: unknown;
}

function toViolations(request: string, list: unknown): Violation[] {
  if (!Array.isArray(list)) return [];
  return list.map((v: PrismViolation) => ({
    request,
    location: Array.isArray(v?.location) ? v.location.join(".") : "",
    message: typeof v?.message === "string" ? v.message : JSON.stringify(v),
  }));
}

/** The violations in an `sl-violations` header (a JSON list); a header that is not JSON is one violation. */
export function parseSlViolations(request: string, header: string | null): Violation[] {
  if (!header) return [];
  try {
    return toViolations(request, JSON.parse(header));
  } catch {
    return [{ request, location: "", message: header }];
  }
}

/** The violations Prism reports in one response (the response is not consumed). */
export async function prismViolations(request: string, response: Response): Promise<Violation[]> {
  const fromHeader = parseSlViolations(request, response.headers.get("sl-violations"));
  if (fromHeader.length > 0) return fromHeader;
  const problem = /problem\+json/.test(response.headers.get("content-type") ?? "");
  if (!problem || (response.status !== 422 && response.status !== 500)) return [];
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { validation?: unknown };
  return toViolations(request, body.validation);
}

/** One line per violation, as the client's errors and the reports show them. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.location || "(request)"} ${v.message}`.trim()).join("; ");
}

/** A fetch that hands every violation Prism reports to `record`, for clients pointed at Prism. */
export function recordingFetch(record: (violations: Violation[]) => void, inner: typeof fetch = fetch): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await inner(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    const found = await prismViolations(`${method} ${url.pathname}`, response);
    if (found.length > 0) record(found);
    return response;
  }) as typeof fetch;
}
