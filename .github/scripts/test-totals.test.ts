import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testTotals } from "./test-totals.js";

const report = (passed: number, failed: number, brokenFiles = 0) =>
  JSON.stringify({
    numPassedTests: passed,
    numFailedTests: failed,
    testResults: [
      {
        status: failed > 0 ? "failed" : "passed",
        assertionResults: [{ status: failed > 0 ? "failed" : "passed" }],
      },
      ...Array.from({ length: brokenFiles }, () => ({ status: "failed", assertionResults: [] })),
    ],
  });

/** A repository whose workspaces wrote the given reports (a workspace absent from `reports` wrote none). */
function tree(reports: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "totals-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ workspaces: ["apps/*", "docs"] }));
  for (const workspace of ["apps/api", "apps/demo", "docs"]) {
    mkdirSync(join(root, workspace, "reports"), { recursive: true });
    writeFileSync(join(root, workspace, "package.json"), JSON.stringify({ name: workspace }));
    const content = reports[workspace];
    if (content !== undefined)
      writeFileSync(join(root, workspace, "reports", "vitest.json"), content);
  }
  return root;
}

describe("the test totals", () => {
  it("sum every workspace's report", () => {
    expect(testTotals(tree({ "apps/api": report(10, 1), docs: report(5, 0) }))).toEqual({
      passed: 15,
      failed: 1,
    });
  });

  it("count a file that failed outside any test as one failure", () => {
    expect(testTotals(tree({ "apps/demo": report(3, 0, 2) }))).toEqual({ passed: 3, failed: 2 });
  });
});
