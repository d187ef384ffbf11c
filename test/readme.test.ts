/**
 * The README's code is the examples/ files, which CI type-checks: each marked block must match its file. And the
 * READMEs stay the size their readers want, with links that lead somewhere.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "vitest";

/** The marked code blocks of a README, each with the examples/ file it shows. */
function examplesOf(path: string) {
  const text = readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
  return [...text.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)].map((m) => ({
    file: m[1]!,
    code: m[2]!,
  }));
}
const blocks = examplesOf("README.md");

describe("README examples", () => {
  it("shows every example file", () => {
    expect(blocks.map((b) => b.file).sort()).toEqual(
      [
        "custom-ca.ts",
        "every-method.ts",
        "handle-errors.ts",
        "quick-start.ts",
        "simulator.ts",
        "token-auth.ts",
        "validate-responses.ts",
      ].map((f) => `examples/${f}`),
    );
  });
  it("the simulator's README shows its test example, and every block of it is one", () => {
    expect(examplesOf("simulator/README.md").map((b) => b.file)).toEqual(["examples/simulator-test.ts"]);
    const text = readFileSync(new URL("../simulator/README.md", import.meta.url), "utf8");
    expect(text.match(/```ts\n/g)?.length).toBe(examplesOf("simulator/README.md").length + 1); // + the API sketch
  });
  it.each([...blocks, ...examplesOf("simulator/README.md")])("$file is shown as it is", ({ file, code }) => {
    expect(code).toBe(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));
  });
});

/** The READMEs and the pages under docs/ they link to. */
const PAGES = [
  "README.md",
  "cli/README.md",
  "simulator/README.md",
  ...readdirSync(new URL("../docs/", import.meta.url))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];
/** Pages that other work will write; their sections are one-line placeholders until then. */
const PENDING = new Set(["docs/versioning.md", "docs/mcp.md", "docs/conformance.md"]);

describe("the READMEs", () => {
  it("each is for its own reader: the root at most 300 lines, the packages' 150 to 300", () => {
    const lines = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8").split("\n").length - 1;
    expect(lines("README.md")).toBeLessThanOrEqual(300);
    for (const path of ["cli/README.md", "simulator/README.md"]) {
      expect(lines(path), path).toBeGreaterThanOrEqual(150);
      expect(lines(path), path).toBeLessThanOrEqual(300);
    }
  });

  it.each(PAGES)("every relative link of %s reaches a file, and every #anchor a heading", (page) => {
    const text = readFileSync(new URL(`../${page}`, import.meta.url), "utf8");
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    for (const link of links) {
      const [file, anchor] = link.split("#") as [string, string | undefined];
      const target = file === "" ? page : posix.normalize(posix.join(posix.dirname(page), file));
      if (PENDING.has(target)) continue;
      expect(existsSync(new URL(`../${target}`, import.meta.url)), `${page}: ${link}`).toBe(true);
      if (anchor) {
        const headings = readFileSync(new URL(`../${target}`, import.meta.url), "utf8")
          .split("\n")
          .filter((line) => /^#+ /.test(line))
          .map((line) => githubAnchor(line.replace(/^#+ /, "")));
        expect(headings, `${page}: ${link}`).toContain(anchor);
      }
    }
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function githubAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
