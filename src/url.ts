/** The request target of an operation: its path with encoded segments and its query string, as the spec says. */

/**
 * The API root a text names, without trailing slashes, or undefined when it is not an http(s) URL with a host.
 * The one check of a server address, for the client's `baseUrl` and the command line's `--url` and `--target`.
 */
export function parseBaseUrl(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const root = text.replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/i.test(root)) return undefined;
  try {
    new URL(root);
    return root;
  } catch {
    return undefined;
  }
}

/** A value the caller passed that no URL can carry; the pipeline turns it into an "invalid-request" error. */
export class RequestProblem extends Error {}

/** Half of a UTF-16 pair on its own: no URL can carry it (encodeURIComponent throws). */
export const LONE_SURROGATE = /\p{Cs}/u;

/** String(v), except for values that cannot be turned into one (Object.create(null), a broken toString). */
export function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** encodeURIComponent, but a lone surrogate (which it cannot encode) is a RequestProblem, not a URIError. */
function encode(name: string, text: string): string {
  if (LONE_SURROGATE.test(text))
    throw new RequestProblem(`parameter "${name}" must be valid Unicode text (it has a lone surrogate)`);
  return encodeURIComponent(text);
}

const TEMPLATE = /\{([^{}]+)\}/g;
/** Each template split once into [text, name, text, name, ..., text]: names at the odd places. */
const splitTemplates = new Map<string, string[]>();
const partsOf = (template: string) =>
  splitTemplates.get(template) ?? splitTemplates.set(template, template.split(/\{([^{}]+)\}/)).get(template)!;

/**
 * Fills `{name}` templates with percent-encoded segments, so that no value can change the path: `/`, `?`, `#` and
 * `%` are escaped. "." and ".." cannot be sent as a segment at all (URL parsers resolve them, encoded or not).
 */
export function buildPath(template: string, values: Record<string, unknown>): string {
  const parts = partsOf(template);
  let path = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = values[name];
    // Whatever checkRequests says: `String(undefined)` would ask for the job "undefined".
    if (value === undefined || value === null) throw new RequestProblem(`path parameter "${name}" is required`);
    const text = asText(value);
    if (text === "" || text === "." || text === "..") {
      throw new RequestProblem(`path parameter "${name}" cannot be ${JSON.stringify(text)}`);
    }
    path += encode(name, text) + parts[i + 1]!;
  }
  return path;
}

/** The path as an error shows it: encoded where it can be, else the value as a JSON string would show it. */
export function displayPath(template: string, values: Record<string, unknown> | undefined): string {
  return template.replace(TEMPLATE, (whole, name: string) => {
    const value = values?.[name];
    if (value === undefined) return whole;
    const text = asText(value);
    return LONE_SURROGATE.test(text) ? JSON.stringify(text).slice(1, -1) : encodeURIComponent(text);
  });
}

/** `?a=1&b=x,y` (arrays comma-separated in one parameter: style form, explode false), or "" when there is none. */
export function queryString(query: Record<string, unknown>): string {
  let out = "";
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const encoded = Array.isArray(value)
      ? value.map((item) => encode(name, asText(item))).join(",")
      : encode(name, asText(value));
    out += `${out ? "&" : "?"}${encode(name, name)}=${encoded}`;
  }
  return out;
}
