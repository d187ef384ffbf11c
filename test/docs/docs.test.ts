// Opens dist/docs/index.html from disk in a real Chromium and checks that the reference docs work
// offline: the page hydrates, every operation can be navigated to and shows its code samples, the
// named examples of listJobs can be picked, and nothing is requested from anywhere but file:/data:/blob:.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  docsHtml,
  escapeRegExp,
  firstCodeLine,
  launchChromium,
  loadSpec,
  root,
  type Operation,
  wideCodeBlocks,
} from "./browser.js";
import { operations as specOperations } from "../../generated/operations.js";
import { checkOf, kindOf, loadLedger } from "../../scripts/evidence/ledger.mjs";

const { doc, operations } = loadSpec();
const ledger = loadLedger();
const pageUrl = pathToFileURL(docsHtml).href;
const isLocal = (url: string) => /^(file|data|blob):/i.test(url);

let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const remote: string[] = [];
const consoleErrors: string[] = [];

/** Records every request of a context (and its workers) and lets only file:, data: and blob: ones through. */
async function watchNetwork(ctx: BrowserContext, seen: string[], offenders: string[]) {
  await ctx.route("**", (route) =>
    isLocal(route.request().url()) ? route.continue() : route.abort("blockedbyclient"),
  );
  ctx.on("request", (req) => {
    seen.push(req.url());
    if (!isLocal(req.url())) offenders.push(`${req.method()} ${req.url()}`);
  });
  ctx.on("page", (p) => p.on("websocket", (ws) => offenders.push(`WebSocket ${ws.url()}`)));
}

function watchConsole(p: Page, errors: string[]) {
  p.on("console", (msg) => {
    if (msg.type() === "error")
      errors.push(`console.error: ${msg.text()} (${msg.location().url}:${msg.location().lineNumber})`);
  });
  p.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
}

/** Notes (in the page) when React has hydrated the sidebar: its links carry React's props. */
function markInteractive() {
  const w = window as any;
  w.__docsInteractiveAt = null;
  const check = () => {
    const links = [...document.querySelectorAll("#redoc a[href]")];
    if (links.some((a) => Object.keys(a).some((k) => k.startsWith("__reactProps$")))) {
      w.__docsInteractiveAt = performance.now();
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

const sidebarLink = (op: Operation) =>
  page.getByRole("link", { name: new RegExp(`^${escapeRegExp(op.summary)}\\s+${op.method}$`, "i") });
const tagLink = (tag: string) => page.getByRole("link", { name: tag, exact: true });
const heading = (op: Operation) =>
  page.locator("h2").filter({ hasText: new RegExp(`^\\s*${escapeRegExp(op.summary)}\\s*$`) });
const inViewport = (loc: Locator) =>
  loc.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });

/** Waits until the sidebar stops expanding/collapsing (it collapses other tags shortly after a navigation). */
async function settle(p: Page = page) {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const n = await p.evaluate(() => document.querySelectorAll("a[href]").length);
    if (n === last) return;
    last = n;
    await p.waitForTimeout(150);
  }
}

/** The element whose id the URL's hash names (Redoc routes with #/tag/operation on file://). */
const sectionOfUrl = () => {
  const id = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/?/, ""));
  return page.locator(`[id="${id.replace(/"/g, '\\"')}"]`);
};

/** The shown code blocks wider than their box (see wideCodeBlocks); checks that it saw some at all. */
async function codeBlocksThatRunOff(): Promise<string[]> {
  const { checked, wide } = await page.evaluate(wideCodeBlocks);
  expect(checked, "code blocks on screen").toBeGreaterThan(0);
  return wide;
}

/** Opens an operation from the sidebar (expanding its tag if needed); returns its section. */
async function openOperation(op: Operation): Promise<Locator> {
  await settle();
  // In a narrow window the sidebar is collapsed into the menu button.
  const menu = page.getByRole("button", { name: "Open navigation menu" });
  if (await menu.isVisible()) await menu.click();
  const link = sidebarLink(op);
  for (let i = 0; i < 3 && !(await link.isVisible()); i++) {
    await tagLink(op.tag).click();
    await link.waitFor({ state: "visible", timeout: 3_000 }).catch(() => {});
  }
  await link.click();
  await expect
    .poll(() => inViewport(heading(op)), { message: `"${op.summary}" heading scrolled into view` })
    .toBe(true);
  await expect
    .poll(
      () =>
        sectionOfUrl()
          .locator("h2")
          .first()
          .textContent()
          .catch(() => null),
      { message: `URL names the "${op.summary}" section` },
    )
    .toBe(op.summary);
  await settle();
  return sectionOfUrl();
}

beforeAll(async () => {
  // The build is fast (a second or two): always build, so the test sees the current spec.
  execFileSync(process.execPath, [join(root, "scripts/docs.mjs"), "--quiet"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  browser = await launchChromium();
  // bypassCSP: the page carries a Content-Security-Policy that blocks remote loads; bypass it here
  // so that anything the page *tries* to fetch reaches the network layer and is caught below.
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    bypassCSP: true,
    serviceWorkers: "block",
  });
  await watchNetwork(context, requests, remote);
  await context.addInitScript(markInteractive);
  page = await context.newPage();
  watchConsole(page, consoleErrors);
  await page.goto(pageUrl, { waitUntil: "load" });
});

afterAll(async () => {
  await browser?.close();
});

describe("reference docs (dist/docs/index.html, opened from file://)", () => {
  it("hydrates, and says how big and how fast it is", async () => {
    await expect
      .poll(() => page.evaluate(() => (window as any).__docsInteractiveAt), {
        timeout: 20_000,
        message: "React hydrated the sidebar",
      })
      .not.toBeNull();
    await expect(await page.locator("h1").first().textContent()).toContain(doc.info.title);
    const body = await page.locator("#redoc").innerText();
    expect(body).toContain("Where the help page and the server disagree");
    // The disagreements are a list, one topic per item, and no code in it is broken mid-word (a table did that).
    const heading = "//*[self::h1 or self::h2][contains(., 'Where the help page and the server disagree')]";
    const list = page.locator(`xpath=${heading}/following::ul[1]`);
    const topics = await list.locator(":scope > li").allInnerTexts();
    expect(topics.length).toBeGreaterThanOrEqual(7);
    expect(topics.join("\n")).toContain("POST /v3/workflows/{workflowId}/jobs");
    const broken = await list
      .locator("code")
      .evaluateAll((els) =>
        els
          .filter((el) => !/\s/.test(el.textContent ?? "") && el.getClientRects().length > 1)
          .map((el) => el.textContent),
      );
    expect(broken).toEqual([]);
    // overview.png: the overview down to the disagreement list.
    const listBottom = await list.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
    await page.setViewportSize({ width: 1400, height: Math.min(4000, Math.ceil(listBottom) + 40) });
    await page.screenshot({ path: join(root, "dist/docs/overview.png") });
    await page.setViewportSize({ width: 1400, height: 900 });

    // Interaction: expanding a tag renders its operation list (needs the page's script).
    const first = operations[0]!;
    const t0 = await page.evaluate(() => performance.now());
    await tagLink(first.tag).click();
    await sidebarLink(first).waitFor({ state: "visible" });
    const t1 = await page.evaluate(() => performance.now());

    const nav = await page.evaluate(() => {
      const [n] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      return {
        dcl: n!.domContentLoadedEventEnd,
        load: n!.loadEventEnd,
        interactive: (window as any).__docsInteractiveAt as number,
      };
    });
    const kib = (statSync(docsHtml).size / 1024).toFixed(0);
    console.log(
      [
        `docs: ${docsHtml} ${kib} KiB`,
        `  DOMContentLoaded ${nav.dcl.toFixed(0)} ms, load ${nav.load.toFixed(0)} ms after navigation start`,
        `  interactive (sidebar hydrated) ${nav.interactive.toFixed(0)} ms after navigation start`,
        `  a click on "${first.tag}" rendered its operation list in ${(t1 - t0).toFixed(0)} ms`,
      ].join("\n"),
    );
  });

  it("lists every operation of the spec and opens each one with its curl sample, long lines wrapped", async () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(specOperations).sort());
    for (const op of operations) {
      const section = await openOperation(op);
      const curl = op.codeSamples.find((s) => s.lang === "curl");
      expect(curl, `${op.operationId} has a curl sample`).toBeDefined();
      expect(await section.locator("pre").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining(firstCodeLine(curl!.source))]),
      );
      expect(await codeBlocksThatRunOff(), `${op.operationId}: long lines wrap inside their boxes`).toEqual([]);
    }
  });

  it("offers the TypeScript sample of every operation, long lines wrapped", async () => {
    const listJobs = operations.find((o) => o.operationId === "listJobs")!;
    const ts = listJobs.codeSamples.find((s) => s.lang === "TypeScript")!;
    const section = await openOperation(listJobs);
    await section.getByRole("button", { name: "curl", exact: true }).click();
    await page.getByRole("menuitem", { name: ts.label ?? ts.lang, exact: true }).click();
    // The chosen language applies to every operation.
    for (const op of operations) {
      const sample = op.codeSamples.find((s) => s.lang === "TypeScript");
      expect(sample, `${op.operationId} has a TypeScript sample`).toBeDefined();
      const sec = await openOperation(op);
      await expect
        .poll(() => sec.locator("pre").allTextContents(), { message: `${op.operationId} shows its TypeScript sample` })
        .toEqual(expect.arrayContaining([expect.stringContaining(`from "alteryx-jobs-api"`)]));
      expect((await sec.locator("pre").allTextContents()).join("\n")).toContain(firstCodeLine(sample!.source));
      expect(await codeBlocksThatRunOff(), `${op.operationId}: long lines wrap inside their boxes`).toEqual([]);
    }
  });

  it("lets the reader pick each named example of listJobs", async () => {
    const op = operations.find((o) => o.operationId === "listJobs")!;
    expect(op.okExamples.map((e) => e.name)).toEqual(["helpPage", "activeJobs", "middlePage", "emptyPage"]);
    const section = await openOperation(op);
    const picker = section.getByRole("button", { name: "Example" });
    const json = () => section.locator("pre").last().innerText();
    await expect(await picker.textContent()).toContain(op.okExamples[0]!.summary);

    // The first example is shown; pick the others in turn, then the first again.
    let shown = await json();
    for (const ex of [...op.okExamples.slice(1), op.okExamples[0]!]) {
      await picker.click();
      await page.getByRole("menuitem", { name: ex.summary, exact: true }).click();
      await expect.poll(() => picker.textContent()).toContain(ex.summary);
      await expect.poll(json, { message: `JSON changes to "${ex.summary}"` }).not.toBe(shown);
      shown = await json();
      for (const [k, v] of Object.entries<unknown>(ex.value.pagination))
        expect(shown).toContain(`"${k}": ${JSON.stringify(v)}`);
    }

    await picker.click();
    await page.getByRole("menuitem", { name: op.okExamples[2]!.summary, exact: true }).click();
    // The operation as a reader lands on it: description, code sample and the picked example.
    // listJobs.png: from the heading down to the picked response example.
    const top = await heading(op).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const bottom = await section
      .locator("pre")
      .last()
      .evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
    await page.setViewportSize({ width: 1400, height: Math.min(4000, Math.ceil(bottom - top) + 60) });
    await heading(op).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await settle();
    await page.screenshot({ path: join(root, "dist/docs/listJobs.png") });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it("keeps long lines of code inside their boxes in a narrow window too (700 px)", async () => {
    await page.setViewportSize({ width: 700, height: 900 });
    try {
      for (const op of operations) {
        await openOperation(op);
        expect(await codeBlocksThatRunOff(), op.operationId).toEqual([]);
      }
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it("that check finds the samples that would run off the edge without wrapping", async () => {
    const op = operations.find((o) => o.operationId === "listJobs")!;
    await openOperation(op);
    expect(await codeBlocksThatRunOff()).toEqual([]);
    const unwrap = await page.addStyleTag({ content: "#redoc pre, #redoc pre * { white-space: pre !important; }" });
    try {
      const wide = await codeBlocksThatRunOff();
      // Its shown sample starts with a comment line that is longer than the box.
      const firstLines = op.codeSamples.map((sample) => sample.source.split("\n")[0]!.slice(0, 40));
      expect(
        wide.some((entry) => firstLines.some((line) => entry.includes(line))),
        wide.join("\n"),
      ).toBe(true);
    } finally {
      await unwrap.evaluate((style) => (style as Element).remove());
    }
  });

  it("marks an inferred sentence where it is read, with the check that confirms or refutes it", async () => {
    const listJobs = operations.find((o) => o.operationId === "listJobs")!;
    const section = await openOperation(listJobs);
    const marker = section.locator(".evidence-inferred").first();
    await expect.poll(() => marker.isVisible()).toBe(true);
    expect(await marker.innerText()).toBe("(inferred — checked by the conformance run: multiValue)");
    // The marker follows the sentence it qualifies, inside the same list item, in smaller type than the text.
    const item = await marker.evaluate((el) => el.closest("li")?.textContent ?? "");
    expect(item).toMatch(/^Inferred: several values of one filter go comma-separated/);
    const [markSize, textSize] = await marker.evaluate((el) => [
      Number.parseFloat(getComputedStyle(el).fontSize),
      Number.parseFloat(getComputedStyle(el.parentElement as Element).fontSize),
    ]);
    expect(markSize).toBeLessThan(textSize);
    // The overview's inferred sentences are marked too.
    await page.goto(pageUrl, { waitUntil: "load" });
    await settle();
    const overview = await page.locator("#redoc .evidence-inferred").allInnerTexts();
    expect(overview).toEqual(expect.arrayContaining(["(inferred — checked by the conformance run: dispositions)"]));
  });

  it("ends the overview with an Evidence section: every claim with its source, folded by kind", async () => {
    await page.goto(pageUrl, { waitUntil: "load" });
    await settle();
    const evidence = page.locator("xpath=//*[self::h1 or self::h2][normalize-space(.)='Evidence']");
    await expect.poll(() => evidence.count()).toBe(1);
    await evidence.scrollIntoViewIfNeeded();
    const claims = page.locator(".evidence-claim");
    expect(await claims.count()).toBe(ledger.claims.length);
    // Quiet until opened: the groups are folded, so no claim shows.
    const groups = page.locator("details.evidence-group");
    const kinds = await groups.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.kind));
    expect(kinds[0]).toBe("inferred");
    expect(await groups.evaluateAll((els) => els.filter((el) => (el as HTMLDetailsElement).open).length)).toBe(0);
    expect(await claims.first().isVisible()).toBe(false);
    // Opening "Inferred" shows each inferred claim with its check.
    const inferred = groups.first();
    await inferred.locator("summary").click();
    const rows = await inferred.locator("li").allInnerTexts();
    const expected = ledger.claims.filter((c) => kindOf(c) === "inferred");
    expect(rows).toHaveLength(expected.length);
    for (const [i, claim] of expected.entries()) {
      expect(rows[i]).toContain(claim.claim.replace(/\s+/g, " "));
      expect(rows[i]).toContain(`checked by the conformance run: ${checkOf(claim)}`);
    }
    // Another group: its claims show their source.
    const helpPage = page.locator('details.evidence-group[data-kind="help-page"]');
    await helpPage.locator("summary").click();
    expect((await helpPage.locator("li").allInnerTexts()).every((row) => row.includes("help page: “"))).toBe(true);
    await page.screenshot({ path: join(root, "dist/docs/evidence.png") });
  });

  it("links its contact only to the repository in package.json, never to an unpublished npm page", async () => {
    const { repository } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    const expected = (typeof repository === "string" ? repository : repository?.url)
      ?.replace(/^git\+/, "")
      .replace(/\.git$/, "");
    await page.goto(pageUrl, { waitUntil: "load" });
    await settle();
    const links = await page
      .locator("#redoc a[href^='http']")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.filter((href) => /npmjs\.(com|org)/.test(href))).toEqual([]);
    if (expected) expect(links).toContain(expected);
    else expect(doc.info.contact?.url === undefined || !links.includes(doc.info.contact.url)).toBe(true);
  });

  it("requests nothing but the file itself (no CDN logo, font, script or telemetry)", () => {
    expect(requests).toContain(pageUrl);
    expect(remote, `requests that left file://:\n${remote.join("\n")}`).toEqual([]);
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("works under its own Content-Security-Policy with no violation, search included", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const seen: string[] = [];
    const offenders: string[] = [];
    const errors: string[] = [];
    await watchNetwork(ctx, seen, offenders);
    await ctx.addInitScript(markInteractive);
    await ctx.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const p = await ctx.newPage();
    watchConsole(p, errors);
    await p.goto(pageUrl, { waitUntil: "load" });
    expect(await p.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
    await expect.poll(() => p.evaluate(() => (window as any).__docsInteractiveAt), { timeout: 20_000 }).not.toBeNull();
    const op = operations.find((o) => o.operationId === "enqueueJob")!;
    await p.getByRole("link", { name: op.tag, exact: true }).click();
    await p.getByRole("link", { name: new RegExp(`^${escapeRegExp(op.summary)}\\s+${op.method}$`, "i") }).click();
    await settle(p);
    // The search builds its index in blob: web workers: it must work offline too.
    const wanted = operations.find((o) => o.operationId === "cancelJob")!;
    await p
      .getByText(/^Search/)
      .first()
      .click();
    await p.getByRole("textbox", { name: /search/i }).fill(wanted.summary);
    await p
      .getByRole("link", { name: new RegExp(escapeRegExp(wanted.summary)) })
      .first()
      .waitFor({ state: "visible" });
    await ctx.close();
    expect(offenders).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("search snippets keep the spaces between words (no 'andsorted' where a line of the spec ends)", async () => {
    await page.goto(pageUrl, { waitUntil: "load" });
    await expect
      .poll(() => page.evaluate(() => (window as any).__docsInteractiveAt), { timeout: 20_000 })
      .not.toBeNull();
    await page
      .getByText(/^Search/)
      .first()
      .click();
    // listJobs' description ends a line with "filtered and", the next begins "sorted as asked".
    await page.getByRole("textbox", { name: /search/i }).fill("sorted");
    const snippet = page.getByText(/one page at a time/).first();
    await snippet.waitFor({ state: "visible" });
    const text =
      (await snippet.evaluate((el) => el.closest("a, li, [role=option]")?.textContent ?? el.textContent)) ?? "";
    expect(text).toMatch(/filtered and sorted/);
    expect(text).not.toMatch(/andsorted/);
    await page.keyboard.press("Escape");
  });

  it("links of the sidebar point into the page itself on file:// (copy link, open in a new tab)", async () => {
    await page.goto(pageUrl, { waitUntil: "load" });
    await expect
      .poll(() => page.evaluate(() => (window as any).__docsInteractiveAt), { timeout: 20_000 })
      .not.toBeNull();
    await settle();
    const hrefs = await page
      .locator(".menu-content a[href]:not([href^='http'])")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.filter((href) => !href.startsWith(`${pageUrl}#/`))).toEqual([]);
    // A copied link opens the same section in a new page.
    const paging = hrefs.find((href) => href.endsWith("#/section/paging"))!;
    const other = await context.newPage();
    await other.goto(paging, { waitUntil: "load" });
    await expect
      .poll(() =>
        other
          .locator("h1, h2")
          .filter({ hasText: /^Paging$/ })
          .first()
          .evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= -5 && r.top < window.innerHeight;
          })
          .catch(() => false),
      )
      .toBe(true);
    await other.close();
  });

  it("collapses the sidebar into the menu button in a 700 px window", async () => {
    await page.setViewportSize({ width: 700, height: 900 });
    try {
      await page.goto(pageUrl, { waitUntil: "load" });
      await settle();
      const menu = page.getByRole("button", { name: "Open navigation menu" });
      await expect.poll(() => menu.isVisible()).toBe(true);
      expect(await page.locator(".menu-content").evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(10);
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });
});
