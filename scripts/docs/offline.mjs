// Post-processing of the page `redocly build-docs --inlineBundle` writes, so that it loads nothing
// from another host and sends nothing anywhere when it is opened:
// 1. Redoc 3 always renders an "API docs by Redocly" badge in the sidebar whose <img> points at
//    https://cdn.redoc.ly/redoc/logo-mini(-full).svg, even in an inlined bundle: the page fetched it
//    from the CDN on open. Those URLs are replaced by small inline data: SVGs (the badge stays).
// 2. Long lines in code samples (curl commands, URLs, JSON) wrap inside their box: Redoc scrolls them
//    sideways with no visible scrollbar, so their ends looked cut off at the box's right edge. A copy
//    still gives the original lines (wrapping is only visual).
// 3. A Content-Security-Policy <meta> lets the page use only its own inline script and styles and
//    data:/blob: resources: anything remote that a future Redoc adds is blocked by the browser (and
//    reported as a console error, which test/docs fails on) instead of being fetched.
//    `no-referrer` keeps the file path out of any link a reader follows. The policy is about the
//    network, not about script injection: the page is static and built from our own spec.

/** An inline SVG as a data: URI that is safe inside a JS template literal and an HTML attribute. */
const svgDataUri = (svg) => `data:image/svg+xml,${encodeURIComponent(svg).replace(/'/g, "%27")}`;

const REDOCLY_BLUE = "#0044D4";
const LOGO_FULL = svgDataUri(
  `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="12.5" font-family="sans-serif" font-size="13" font-weight="600" fill="${REDOCLY_BLUE}">Redocly</text></svg>`,
);
const LOGO_MINI = svgDataUri(
  `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="${REDOCLY_BLUE}"/><text x="8" y="12" font-family="sans-serif" font-size="11" font-weight="700" fill="#fff" text-anchor="middle">R</text></svg>`,
);

/** Remote images the Redoc bundle loads at run time, and what to use instead. */
const REMOTE_ASSETS = [
  ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", LOGO_FULL],
  ["https://cdn.redoc.ly/redoc/logo-mini.svg", LOGO_MINI],
];

/** Wraps long lines of every code block (samples, JSON examples, descriptions), clear of the copy button. */
export const WRAP_CODE_CSS =
  "#redoc pre, #redoc pre * { white-space: pre-wrap; overflow-wrap: anywhere; } #redoc pre { padding-right: 2.5em; }";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // 'unsafe-eval': Redoc's search (flexsearch) builds its web worker with Function(); without it the
  // search falls back to the main thread and Chrome logs a CSP violation on every load.
  "script-src 'unsafe-inline' 'unsafe-eval'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "font-src data:",
  "connect-src data: blob:",
  "worker-src blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * @param {string} html the page build-docs wrote
 * @returns {{ html: string, report: string[] }} the offline page and what was changed
 */
export function makeOffline(html) {
  const report = [];
  if (!html.includes("const __redoc_options")) {
    throw new Error("build-docs output has an unexpected shape (no inlined Redoc): was --inlineBundle passed?");
  }
  if (/<script[^>]+src=["']?https?:|<link[^>]+href=["']?https?:/i.test(html)) {
    throw new Error("build-docs output loads a script or stylesheet from the network: was --inlineBundle passed?");
  }
  for (const [url, local] of REMOTE_ASSETS) {
    const n = html.split(url).length - 1;
    if (n > 0) {
      html = html.split(url).join(local);
      report.push(`replaced ${n}× ${url} with an inline SVG`);
    }
  }
  const telemetryOff = /const __redoc_options = \{[^\n]*"disableTelemetry":true/.test(html);
  if (!telemetryOff) throw new Error("Redoc's disableTelemetry option did not make it into the page");
  report.push("Redoc telemetry disabled (disableTelemetry: true)");

  const meta =
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />\n` +
    `  <meta name="referrer" content="no-referrer" />\n` +
    `  <style>${WRAP_CODE_CSS}</style>`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (charset.test(html)) html = html.replace(charset, (m) => `${m}\n  ${meta}`);
  else if (/<head>/i.test(html)) html = html.replace(/<head>/i, (m) => `${m}\n  ${meta}`);
  else throw new Error("build-docs output has no <head>");
  report.push("Content-Security-Policy: only inline script/styles and data:/blob: resources");
  report.push("long lines in code samples wrap inside their box");
  return { html, report };
}
