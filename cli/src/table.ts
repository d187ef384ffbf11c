/** Tables without borders, kubectl-style, sized to the terminal: the widest flexible column gives way first. */
import Table from "cli-table3";

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** May be cut short (with "…") to fit the terminal. */
  flexible?: boolean;
  align?: "left" | "right";
}

const NO_BORDERS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

const visibleLength = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "").length;

/**
 * Column widths that fit `width`: flexible columns shrink, widest first, to no less than 8 characters; if the table
 * is still too wide (a job table at 80 columns was 86), down to 6, since a line that wraps breaks every row.
 */
function fitWidths(natural: number[], flexible: boolean[], width: number): number[] {
  const widths = [...natural];
  const separators = 2 * (widths.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) + separators - width;
  for (const least of [8, 6]) {
    while (excess > 0) {
      let widest = -1;
      for (let k = 0; k < widths.length; k++)
        if (flexible[k] && widths[k]! > least && (widest < 0 || widths[k]! > widths[widest]!)) widest = k;
      if (widest < 0) break;
      const cut = Math.min(excess, widths[widest]! - least);
      widths[widest]! -= cut;
      excess -= cut;
    }
  }
  return widths;
}

export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  width: number,
  heading: (s: string) => string = (s) => s,
): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const natural = columns.map((c, k) => Math.max(c.header.length, ...cells.map((r) => visibleLength(r[k]!))));
  const widths = fitWidths(
    natural,
    columns.map((c) => c.flexible === true),
    width,
  );
  const table = new Table({
    head: columns.map((c) => heading(c.header)),
    chars: NO_BORDERS,
    // cli-table3 counts the padding inside colWidths; no padding, the "middle" char separates columns.
    colWidths: widths,
    colAligns: columns.map((c) => c.align ?? "left"),
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
    wordWrap: false,
    truncate: "…",
  });
  table.push(...cells);
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
