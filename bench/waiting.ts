/**
 * Waiting: how many polls waitForJob makes (default backoff: 1 s growing by half to 10 s, jitter that only
 * shortens) for jobs that run 10 s, 60 s and 10 min, and how late after completion it notices. Simulated
 * clock in a separate process (bench/waiting-worker.ts); many trials because the jitter is random.
 */
import { runChild } from "./child.js";
import { type Target, max, median, num, table } from "./stats.js";

const DURATIONS = [
  { label: "10 s", ms: 10_000 },
  { label: "60 s", ms: 60_000 },
  { label: "10 min", ms: 600_000 },
];
const CAP_MS = 10_000;

export async function waitingSection(opts: { trials: number }): Promise<{ markdown: string; targets: Target[] }> {
  const rows: string[][] = [];
  let worstLate = 0;
  let tenMinutePolls = 0;
  for (const d of DURATIONS) {
    const r = await runChild<{ polls: number[]; lateMs: number[] }>("./waiting-worker.ts", [
      "--duration-ms",
      String(d.ms),
      "--trials",
      String(opts.trials),
    ]);
    worstLate = Math.max(worstLate, max(r.lateMs));
    if (d.ms === 600_000) tenMinutePolls = max(r.polls);
    rows.push([
      d.label,
      num(median(r.polls), 0),
      `${Math.min(...r.polls)}–${max(r.polls)}`,
      `${num(median(r.lateMs) / 1000, 2)} s`,
      `${num(max(r.lateMs) / 1000, 2)} s`,
    ]);
  }
  const markdown = [
    `### 3. Waiting`,
    ``,
    `waitForJob with its default backoff on a simulated clock (an injected fetch answers Running until the job's ` +
      `end, then Completed); ${opts.trials} trials per duration (the jitter is random). Polls are status reads ` +
      "without messages; one more read fetches the messages at the end. " +
      "Lateness is from the job's end to the poll that saw " +
      `it.`,
    ``,
    table(["job runs", "polls (median)", "polls (range)", "late (median)", "late (max)"], rows),
  ].join("\n");
  return {
    markdown,
    targets: [
      {
        name: `waitForJob notices completion within its backoff cap (${CAP_MS / 1000} s)`,
        met: worstLate <= CAP_MS,
        figure: `at most ${num(worstLate / 1000, 2)} s late`,
      },
      {
        name: "waitForJob makes fewer than 100 polls for a 10-minute job",
        met: tenMinutePolls < 100,
        figure: `at most ${tenMinutePolls} polls`,
      },
    ],
  };
}
