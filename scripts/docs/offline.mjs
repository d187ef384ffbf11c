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
// 4. The sidebar collapses into the menu button below 800 px (Redoc's own breakpoint is 672 px: at 700 px the
//    sidebar took 285 px of the window).
// 5. Opened from file://, the sidebar's links ("/section/paging") resolve to file:///section/paging, so "copy
//    link" and "open in new tab" led nowhere: they are rewritten to the page's own #/section/paging routes.

/** An inline SVG as a data: URI that is safe inside a JS template literal and an HTML attribute. */
const svgDataUri = (svg) => `data:image/svg+xml,${encodeURIComponent(svg).replace(/'/g, "%27")}`;

const REDOCLY_BLUE = "#0044D4";
const LOGO_FULL = svgDataUri(
  `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">` +
    `<text x="0" y="12.5" font-family="sans-serif" font-size="13" font-weight="600" fill="${REDOCLY_BLUE}">` +
    "Redocly</text></svg>",
);
const LOGO_MINI = svgDataUri(
  `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">` +
    `<rect width="16" height="16" rx="3" fill="${REDOCLY_BLUE}"/>` +
    '<text x="8" y="12" font-family="sans-serif" font-size="11" font-weight="700" fill="#fff" text-anchor="middle">' +
    "R</text></svg>",
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

/** Redoc's breakpoints, as the bundle spells them; the sidebar collapses below `small`. */
const REDOC_SMALL_BREAKPOINT = "small:`672px`";
export const SIDEBAR_COLLAPSES_BELOW = "800px";

/**
 * On file:// only: root-relative links of the page ("/tag/Jobs") become its own hash routes ("#/tag/Jobs"), now and
 * whenever Redoc renders more of them. Redoc navigates by its own router on a click; the href is what a copy gives.
 */
export const FILE_LINKS_SCRIPT = `<script>(function () {
  if (location.protocol !== "file:") return;
  var fix = function (root) {
    var links = root.querySelectorAll ? root.querySelectorAll('a[href^="/"]') : [];
    for (var i = 0; i < links.length; i++) links[i].setAttribute("href", "#" + links[i].getAttribute("href"));
  };
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      var target = changes[i].target;
      if (changes[i].type === "attributes") fix(target.parentNode || document);
      else for (var j = 0; j < changes[i].addedNodes.length; j++) fix(changes[i].addedNodes[j]);
    }
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["href"] });
  document.addEventListener("DOMContentLoaded", function () { fix(document); });
})();</script>`;

/**
 * Markdown soft line breaks (one newline inside a paragraph) as spaces. The rendered page is the same, but Redoc's
 * search indexes the text with its newlines dropped, so "writes\nare" showed as "writesare" in its snippets. Lines
 * that start a block (list item, heading, quote, table, indented or fenced code), or follow a heading or a table
 * row, keep their newline.
 * @param {string} markdown
 */
export function unwrapSoftBreaks(markdown) {
  const lines = markdown.split("\n");
  let fenced = false;
  let out = lines[0] ?? "";
  const startsBlock = (line) => /^\s*([-*+] |\d+[.)] |#|>|\||```|~~~)|^ {4}|^\t|^\s*$/.test(line);
  if (/^\s*(```|~~~)/.test(out)) fenced = true;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(```|~~~)/.test(line);
    const previous = lines[i - 1];
    const endsBlock = /^\s*(#|\||```|~~~)/.test(previous) || previous.trim() === "" || / {2}$|\\$/.test(previous);
    const join = !fenced && !fence && !startsBlock(line) && !endsBlock;
    out += join ? ` ${line.trimStart()}` : `\n${line}`;
    if (fence) fenced = !fenced;
  }
  return out;
}

/** Every `description` of an OpenAPI document (at any depth), with soft line breaks as spaces. */
export function withSearchableDescriptions(value) {
  if (Array.isArray(value)) return value.map(withSearchableDescriptions);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "description" && typeof v === "string" ? unwrapSoftBreaks(v) : withSearchableDescriptions(v),
    ]),
  );
}

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

  // The breakpoint lives twice: in the bundle's theme (read by script) and in its CSS media queries.
  const spellings = [REDOC_SMALL_BREAKPOINT, "(max-width: 672px)", "(min-width: 672px)"];
  for (const spelling of spellings) {
    if (!html.includes(spelling)) throw new Error(`Redoc's sidebar breakpoint is no longer spelled ${spelling}`);
    html = html.split(spelling).join(spelling.replace("672px", SIDEBAR_COLLAPSES_BELOW));
  }
  report.push(`the sidebar collapses below ${SIDEBAR_COLLAPSES_BELOW} (Redoc: 672px)`);

  const meta =
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />\n` +
    `  <meta name="referrer" content="no-referrer" />\n` +
    `  <style>${WRAP_CODE_CSS}</style>\n` +
    `  ${FILE_LINKS_SCRIPT}`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (charset.test(html)) html = html.replace(charset, (m) => `${m}\n  ${meta}`);
  else if (/<head>/i.test(html)) html = html.replace(/<head>/i, (m) => `${m}\n  ${meta}`);
  else throw new Error("build-docs output has no <head>");
  report.push("Content-Security-Policy: only inline script/styles and data:/blob: resources");
  report.push("long lines in code samples wrap inside their box");
  report.push("on file://, links to sections are the page's own #/ routes (copy link, open in new tab)");
  return { html, report };
}
