// The last line of .ci/run: passed and failed tests summed over every workspace's vitest JSON
// report (<workspace>/reports/vitest.json, written by each workspace's test task).
//   tsx .github/scripts/test-totals.ts   ->   "675 passed, 0 failed"
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { workspaceFolders } from "@fil-rouge/docs/workspaces";

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

export function testTotals(root: string): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const folder of workspaceFolders(root)) {
    const file = join(root, folder, "reports", "vitest.json");
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8")) as VitestReport;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A file that failed outside any test (a hook, an import) counts as one failure.
    failed += report.testResults.filter(
      (result) =>
        result.status === "failed" && !result.assertionResults.some((t) => t.status === "failed"),
    ).length;
  }
  return { passed, failed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { passed, failed } = testTotals(fileURLToPath(new URL("../..", import.meta.url)));
  process.stdout.write(`${String(passed)} passed, ${String(failed)} failed\n`);
}
