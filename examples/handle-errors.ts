import { createJobsClient, JobsApiError } from "alteryx-jobs-api";

const ayx = createJobsClient({
  baseUrl: "https://alteryx.example.com/webapi",
  auth: { token: process.env.AYX_TOKEN! },
});

try {
  await ayx.cancelJob("68dd3292c97fddfcc003adcb");
} catch (error) {
  if (!(error instanceof JobsApiError)) throw error;
  switch (error.kind) {
    case "http": // the server said no: error.status, error.serverMessage, error.body
      if (error.reason === "not-cancellable") console.log("already finished");
      else if (error.reason === "not-permitted") console.log("not your job");
      else console.log(error.status, error.serverMessage);
      break;
    case "network": // refused, reset, DNS, TLS: error.cause has the details
    case "timeout": // no complete answer within timeoutMs
    case "invalid-response": // 2xx, but not the JSON the spec describes
    case "invalid-request": // a parameter the spec does not allow; nothing was sent
      console.log(error.kind, error.message);
  }
}
