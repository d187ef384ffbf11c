// Shared pieces of the docs browser tests: where things are, the operations of the spec, and a
// Chromium that is never downloaded (Debian's /usr/bin/chromium).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { parse } from "yaml";
import { deref as derefIn } from "../../src/json-pointer.js";

export const CHROMIUM = "/usr/bin/chromium";
export const root = fileURLToPath(new URL("../..", import.meta.url));
export const docsHtml = join(root, "dist/docs/index.html");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

type Ref = { $ref?: string };
export type CodeSample = { lang: string; label?: string; source: string };
export type Operation = {
  operationId: string;
  summary: string;
  method: string;
  path: string;
  tag: string;
  codeSamples: CodeSample[];
  /** Named examples of the 200 application/json response, in spec order, with $ref resolved. */
  okExamples: { name: string; summary: string; value: any }[];
};

export function loadSpec() {
  const doc = parse(readFileSync(join(root, "generated/openapi.yaml"), "utf8"));
  const deref = <T>(node: T & Ref): T => derefIn<T>(doc, node);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op?.operationId) continue;
      const ok = deref<any>(op.responses?.["200"] ?? {});
      const examples = ok.content?.["application/json"]?.examples ?? {};
      operations.push({
        operationId: op.operationId,
        summary: op.summary,
        method,
        path,
        tag: op.tags?.[0],
        codeSamples: op["x-codeSamples"] ?? [],
        okExamples: Object.entries<any>(examples).map(([name, ex]) => {
          const e = deref<any>(ex);
          return { name, summary: e.summary, value: e.value };
        }),
      });
    }
  }
  return { doc, operations };
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first line of a code sample that says something (not blank, not a comment). */
export const firstCodeLine = (source: string) =>
  source.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("#") && !l.startsWith("//"))!;

/**
 * Runs in the page: the code blocks (`pre`) that a reader cannot see whole. One is too wide when its text is
 * wider than its box (the rest clipped, or only reachable by scrolling sideways) or when the box itself
 * sticks out past the right edge of the page. Each is described by its first line and its widths.
 */
export function wideCodeBlocks(): { checked: number; wide: string[] } {
  const pageWidth = document.documentElement.clientWidth;
  const wide: string[] = [];
  let checked = 0;
  for (const pre of document.querySelectorAll("pre")) {
    const box = pre.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue; // not shown (another language's sample, a collapsed part)
    checked++;
    if (pre.scrollWidth > pre.clientWidth + 1 || box.right > pageWidth + 1) {
      const line = (pre.textContent ?? "").trim().split("\n")[0]!.slice(0, 60);
      wide.push(`"${line}": text ${pre.scrollWidth} px in a box of ${pre.clientWidth} px, right edge at ${Math.round(box.right)} of ${pageWidth}`);
    }
  }
  if (document.documentElement.scrollWidth > pageWidth + 1) wide.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
  return { checked, wide };
}
