/** Response bodies: read within a size limit, decoded as JSON, or streamed with a limit on the wait per chunk. */
import type { ErrorFactory, SecretScrubber } from "./errors.js";
import { startTimer } from "./timing.js";

/** More bytes than maxResponseBytes. */
export class TooLarge extends Error {}
/** The headers arrived, the body did not (connection closed or reset mid-body). */
export class CutShort extends Error {}

/**
 * Reads a body as text, refusing more than `limit` bytes without holding them in memory. The bytes are counted
 * as they arrive even when Content-Length is small: with Content-Encoding it is the compressed size, and a few
 * kilobytes of gzip can inflate to gigabytes.
 */
export async function readText(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge(`the body is ${declared} bytes, more than the limit of ${limit} (maxResponseBytes)`);
  }
  // Without Content-Encoding, Content-Length is the size of what arrives: read it whole.
  if (!Number.isNaN(declared) && !response.headers.has("content-encoding")) return response.text();
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let total = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(`the body is more than the limit of ${limit} bytes (maxResponseBytes)`);
    }
    text += decoder.decode(value, { stream: true });
  }
}

const JSON_TYPE = /[/+]json\b/i;

/** A 2xx body as JSON (undefined when empty); anything else is an "invalid-response" error. */
export function decodeJson(response: Response, text: string, scrubber: SecretScrubber, fail: ErrorFactory): unknown {
  if (text === "") return undefined;
  const type = response.headers.get("content-type") ?? "";
  const { status } = response;
  // What an error shows of the body is cut from scrubbed text: a cut through a secret would leave part of it.
  if (!JSON_TYPE.test(type)) {
    const safe = scrubber.scrub(text);
    const detail = `expected a JSON body but got ${type || "no content type"}: ${preview(safe, 200)}`;
    throw fail({ kind: "invalid-response", status, detail, body: preview(safe) });
  }
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the error; quote the scrubbed text instead.
    const safe = scrubber.scrub(text);
    const cause = syntaxErrorOf(safe);
    const detail = `the body is not valid JSON (${cause.message}; ${text.length} characters, perhaps cut short)`;
    throw fail({ kind: "invalid-response", status, detail, body: preview(safe), cause });
  }
}

/** An error body as the caller sees it: parsed JSON where it is JSON, else the text (scrubbed, cut to 2,000). */
export function errorBody(response: Response, text: string, scrubber: SecretScrubber): unknown {
  if (text === "") return undefined;
  if (JSON_TYPE.test(response.headers.get("content-type") ?? "")) {
    try {
      return scrubber.scrubValue(JSON.parse(text));
    } catch {
      // Said to be JSON but is not: keep the text.
    }
  }
  return preview(scrubber.scrub(text));
}

/**
 * A body handed to the caller as it arrives. `timeoutMs` bounds each wait for the next chunk (a slow reader is
 * never timed out: the clock runs only while a read is pending), and every failure becomes a JobsApiError.
 */
export function guardedStream(
  body: ReadableStream<Uint8Array>,
  timeoutMs: number,
  onIdle: () => void,
  failure: (error: unknown) => unknown,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const stop = startTimer(timeoutMs, onIdle);
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(failure(error));
        } finally {
          stop();
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

function syntaxErrorOf(text: string): Error {
  try {
    JSON.parse(text);
    return new SyntaxError("the body is not valid JSON");
  } catch (error) {
    return error as Error;
  }
}

export function preview(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
