/** The README's "Failure behaviour" section is rendered from the hostile cases; this test keeps the two equal. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentSection, README, renderFailureTable } from "../../scripts/render-failure-table.js";
import { hostileCases } from "./hostile-server.js";

describe("README failure behaviour table", () => {
  it("has one row per hostile case, each case with a unique id and every column filled", () => {
    expect(new Set(hostileCases.map((c) => c.id)).size).toBe(hostileCases.length);
    for (const c of hostileCases)
      for (const text of [c.fault, c.server, c.client, c.callText]) expect(text.trim(), c.id).not.toBe("");
    const table = renderFailureTable();
    for (const c of hostileCases) expect(table).toContain(`| ${c.fault.replace(/\|/g, "\\|")} (\`${c.callText}\`) |`);
  });

  // After changing the cases: npx tsx scripts/render-failure-table.ts --write
  it("equals the rendered table", () => {
    const section = currentSection(readFileSync(README, "utf8"));
    expect(section, "README.md lacks the failure-behaviour markers").toBeDefined();
    expect(section).toBe(renderFailureTable());
  });
});
