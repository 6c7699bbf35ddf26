import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coverageTable } from "./coverage-summary.js";

const summary = (covered: number, total: number) => {
  const metric = { total, covered, skipped: 0, pct: (100 * covered) / total };
  return JSON.stringify({
    total: { lines: metric, statements: metric, functions: metric, branches: metric },
  });
};
/** A repository with two workspaces; `files` gives the summaries those that ran wrote. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "coverage-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ workspaces: ["apps/*", "k8s"] }));
  for (const workspace of ["apps/api", "k8s"]) {
    mkdirSync(join(root, workspace, "reports", "coverage"), { recursive: true });
    writeFileSync(join(root, workspace, "package.json"), JSON.stringify({ name: workspace }));
    const content = files[workspace];
    if (content !== undefined) {
      writeFileSync(join(root, workspace, "reports", "coverage", "coverage-summary.json"), content);
    }
  }
  return root;
}

describe("the coverage summary", () => {
  it("has one row per workspace and a total weighted by size, not an average of percentages", () => {
    const table = coverageTable(tree({ "apps/api": summary(90, 100), k8s: summary(1, 10) }));
    expect(table).toContain("| apps/api | 90.0 % | 90.0 % | 90.0 % | 90.0 % |");
    expect(table).toContain("| k8s | 10.0 % | 10.0 % | 10.0 % | 10.0 % |");
    // (90 + 1) / (100 + 10) = 82.7 %, where the mean of the two would say 50 %.
    expect(table).toContain("| **all** | **82.7 %** |");
  });

  it("says so when no workspace wrote a summary", () => {
    expect(coverageTable(tree({}))).toMatch(/^No coverage summary found/);
  });
});
