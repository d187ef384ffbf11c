/** The "Failure behaviour" table of docs/failures.md is rendered from the hostile cases; this test keeps the two equal. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentSection, FAILURES_PAGE, renderFailureTable } from "../../scripts/render-failure-table.js";
import { hostileCases } from "./hostile-server.js";

describe("the failure behaviour table (docs/failures.md)", () => {
  it("has one row per hostile case, each case with a unique id and every column filled", () => {
    expect(new Set(hostileCases.map((c) => c.id)).size).toBe(hostileCases.length);
    for (const c of hostileCases)
      for (const text of [c.fault, c.server, c.client, c.callText]) expect(text.trim(), c.id).not.toBe("");
    const table = renderFailureTable();
    for (const c of hostileCases) expect(table).toContain(`| ${c.fault.replace(/\|/g, "\\|")} (\`${c.callText}\`) |`);
  });

  // After changing the cases: npx tsx scripts/render-failure-table.ts --write
  it("equals the rendered table", () => {
    const section = currentSection(readFileSync(FAILURES_PAGE, "utf8"));
    expect(section, "docs/failures.md lacks the failure-behaviour markers").toBeDefined();
    expect(section).toBe(renderFailureTable());
  });
});
