/** The resources: the bundled OpenAPI description, and each job as alteryx://jobs/{jobId}. */
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import spec from "alteryx-jobs-api/openapi.json" with { type: "json" };
import { JobsApiError, type JobsClient } from "alteryx-jobs-api";
import { errorText } from "./errors.js";

export const OPENAPI_URI = "alteryx://openapi.json";
export const JOB_TEMPLATE = "alteryx://jobs/{jobId}";

export function registerResources(server: McpServer, client: JobsClient): void {
  server.registerResource(
    "openapi",
    OPENAPI_URI,
    {
      title: "Alteryx Server v3 jobs API (OpenAPI 3.1)",
      description:
        "The OpenAPI description this server and its client are built on: every operation, parameter and " +
        "schema of the jobs API, with where each constraint comes from.",
      mimeType: "application/json",
    },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(spec) }] }),
  );

  server.registerResource(
    "job",
    new ResourceTemplate(JOB_TEMPLATE, { list: undefined }),
    {
      title: "A job",
      description: "One job as GET /v3/jobs/{jobId} returns it, messages included (the Job schema of the spec).",
      mimeType: "application/json",
    },
    async (uri, variables, extra) => {
      const jobId = decodeURIComponent(String(variables.jobId ?? ""));
      try {
        const job = await client.getJob(jobId, { signal: extra.signal });
        return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(job) }] };
      } catch (error) {
        const notFound = error instanceof JobsApiError && error.status === 404;
        throw new McpError(notFound ? ErrorCode.InvalidParams : ErrorCode.InternalError, errorText(error));
      }
    },
  );
}
