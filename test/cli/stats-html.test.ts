/**
 * `stats --html FILE`: one self-contained page, opened in Debian's chromium (as the docs are): the three charts
 * are drawn from the same figures as `--json`, and the page makes no network request at all.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CHROMIUM, launchChromium } from "../docs/browser.js";
import { existsSync } from "node:fs";
import { runCli, type SimTarget, simTarget } from "./helpers.js";
import { FIXED_START } from "../../simulator/src/index.js";

// Each test spawns `alteryx-jobs` (a Node start-up each): slow on a busy machine, never a measure of speed.
vi.setConfig({ testTimeout: 60_000 });

const hasChromium = existsSync(CHROMIUM);
let t: SimTarget;
let dir: string;
let browser: Browser | undefined;

beforeAll(async () => {
  t = await simTarget({ jobs: 2000, start: FIXED_START }); // the window is in 2025
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-stats-"));
  if (hasChromium) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)(
  `stats --html in chromium${hasChromium ? "" : ` (skipped: ${CHROMIUM} not found; apt-get install -y chromium)`}`,
  () => {
    it("draws runs per day, queue wait and run time from the same figures as --json, offline", async () => {
      const file = join(dir, "stats.html");
      const args = ["stats", "--since", "2025-12-01", "--until", "2026-01-01"];
      const [page, json] = await Promise.all([
        runCli([...args, "--html", file], t.env),
        runCli([...args, "--json"], t.env),
      ]);
      expect(page.code).toBe(0);
      expect(page.stderr).toBe(`wrote ${file}\n`);
      const stats = JSON.parse(json.stdout) as {
        runs: number;
        days: { day: string; byDisposition: Record<string, number> }[];
      };
      const html = readFileSync(file, "utf8");
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/cdn/i);

      const tab = await browser!.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      tab.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      tab.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(pathToFileURL(file).href, { waitUntil: "load" });
      await tab.waitForFunction(() => Array.isArray((window as unknown as { statsCharts?: unknown[] }).statsCharts));

      const drawn = await tab.evaluate(() => {
        type ChartLike = {
          canvas: HTMLCanvasElement;
          config: { type: string };
          data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
        };
        const charts = (window as unknown as { statsCharts: ChartLike[] }).statsCharts;
        return charts.map((c) => {
          const { width, height } = c.canvas;
          const pixels = c.canvas.getContext("2d")!.getImageData(0, 0, width, height).data;
          let painted = 0;
          for (let k = 3; k < pixels.length; k += 4) if (pixels[k]! > 0) painted++;
          return {
            id: c.canvas.id,
            type: c.config.type,
            labels: c.data.labels,
            datasets: c.data.datasets.map((d) => ({ label: d.label, data: d.data })),
            painted,
            width,
          };
        });
      });
      expect(drawn.map((c) => [c.id, c.type])).toEqual([
        ["runs-per-day", "bar"],
        ["queue-wait", "line"],
        ["run-time", "line"],
      ]);
      for (const chart of drawn) {
        expect(chart.labels).toEqual(stats.days.map((d) => d.day));
        expect(chart.width).toBeGreaterThan(300);
        expect(chart.painted).toBeGreaterThan(1000); // the canvas has been drawn on
      }
      const bars = drawn[0]!.datasets;
      const total = bars.flatMap((d) => d.data).reduce<number>((a, b) => a + (b ?? 0), 0);
      expect(total).toBe(stats.runs);
      for (const set of bars) expect(set.data).toEqual(stats.days.map((d) => d.byDisposition[set.label] ?? 0));
      expect(drawn[1]!.datasets.map((d) => d.label)).toEqual(["median", "95th percentile"]);
      expect(await tab.textContent("#runs")).toBe(String(stats.runs));
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      await tab.close();
    });
  },
);
