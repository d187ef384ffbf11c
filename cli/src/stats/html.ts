/**
 * `stats --html FILE`: one self-contained page. Chart.js (its UMD build) is inlined, the data is inlined as
 * JSON, and a Content-Security-Policy forbids every network request, so the page works from disk, offline.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { humanDuration } from "../format.js";
import type { Stats, WorkflowStats } from "./compute.js";

/** chart.js does not export its UMD file; it sits next to the CommonJS entry. */
function chartJsSource(): string {
  const entry = createRequire(import.meta.url).resolve("chart.js");
  return readFileSync(join(dirname(entry), "chart.umd.min.js"), "utf8");
}

/** Nothing may be fetched: scripts and styles are inline, images (none yet) only data: URLs. */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
/** JSON that cannot close the script element it sits in. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
const ms = (value: number | null) => (value === null ? "-" : humanDuration(value));
const pct = (value: number | null) => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);

const DRAW = `
const stats = JSON.parse(document.getElementById("stats-data").textContent);
const colours = { Success: "#2e7d32", Warning: "#f9a825", Error: "#c62828", Cancelled: "#757575" };
const labels = stats.days.map((d) => d.day);
const dispositions = [...new Set(stats.days.flatMap((d) => Object.keys(d.byDisposition)))];
const seconds = (v) => (v === null ? null : v / 1000);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
const charts = [
  new Chart(document.getElementById("runs-per-day"), {
    type: "bar",
    data: { labels, datasets: dispositions.map((name) => ({ label: name, backgroundColor: colours[name] ?? "#5c6bc0",
      data: stats.days.map((d) => d.byDisposition[name] ?? 0) })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "runs" } } } },
  }),
  ...["queueWaitMs", "runTimeMs"].map((key, k) => new Chart(document.getElementById(k ? "run-time" : "queue-wait"), {
    type: "line",
    data: { labels, datasets: [
      { label: "median", borderColor: "#1565c0", backgroundColor: "#1565c0",
        data: stats.days.map((d) => seconds(d[key].median)) },
      { label: "95th percentile", borderColor: "#ef6c00", backgroundColor: "#ef6c00",
        data: stats.days.map((d) => seconds(d[key].p95)) },
    ] },
    options: { spanGaps: true, scales: { y: { beginAtZero: true, title: { display: true, text: "seconds" } } } },
  })),
];
window.statsCharts = charts;
`;

export function statsPage(stats: Stats, source: string): string {
  const cells = (w: WorkflowStats) => [
    escapeHtml(w.workflowName),
    w.runs,
    w.failures,
    pct(w.failureRate),
    ms(w.runTimeMs.median),
    ms(w.runTimeMs.p95),
    ms(w.queueWaitMs.median),
    ms(w.queueWaitMs.p95),
  ];
  const rows = stats.workflows
    .map(
      (w) =>
        `<tr>${cells(w)
          .map((c) => `<td>${c}</td>`)
          .join("")}</tr>`,
    )
    .join("\n");
  const headings = ["workflow", "runs", "failed", "failure rate", "median run", "p95 run", "median wait", "p95 wait"];
  const dispositions = Object.entries(stats.byDisposition)
    .map(([k, v]) => `${escapeHtml(k)} ${v}`)
    .join(" · ");
  const title = `Alteryx jobs ${stats.window.since.slice(0, 10)} to ${stats.window.until.slice(0, 10)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 1rem; }
.figure { background: #f5f5f5; border-radius: 6px; padding: .75rem 1rem; }
.figure b { display: block; font-size: 1.4rem; }
.chart { position: relative; height: 300px; margin: 1rem 0 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; }
td:not(:first-child), th:not(:first-child) { text-align: right; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(source)} · runs completed from ${escapeHtml(stats.window.since)}
to ${escapeHtml(stats.window.until)} (UTC)</p>
<div class="figures">
<div class="figure">runs<b id="runs">${stats.runs}</b>${dispositions}</div>
<div class="figure">failure rate<b>${pct(stats.failureRate)}</b>
${stats.failures} of ${stats.completed} completed runs ended in Error</div>
<div class="figure">queue wait<b>${ms(stats.queueWaitMs.median)}</b>
median · 95th percentile ${ms(stats.queueWaitMs.p95)}</div>
<div class="figure">run time<b>${ms(stats.runTimeMs.median)}</b>
median · 95th percentile ${ms(stats.runTimeMs.p95)}</div>
</div>
<h2>Runs per day, by disposition</h2>
<div class="chart"><canvas id="runs-per-day" aria-label="Runs per day by disposition" role="img"></canvas></div>
<h2>Queue wait per day</h2>
<div class="chart"><canvas id="queue-wait" aria-label="Queue wait per day" role="img"></canvas></div>
<h2>Run time per day</h2>
<div class="chart"><canvas id="run-time" aria-label="Run time per day" role="img"></canvas></div>
<h2>Workflows, slowest first</h2>
<table>
<thead><tr>${headings.map((h) => `<th>${h}</th>`).join("")}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Made by alteryx-jobs stats; charts by Chart.js (MIT), inlined.</p>
<script type="application/json" id="stats-data">${inlineJson(stats)}</script>
<script>${chartJsSource()}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
