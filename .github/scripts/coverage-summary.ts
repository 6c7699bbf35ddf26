// Turns every workspace's coverage summary (vitest --coverage.reporter=json-summary, written to
// <workspace>/reports/coverage/coverage-summary.json) into one Markdown table for the job summary.
//   tsx .github/scripts/coverage-summary.ts >> "$GITHUB_STEP_SUMMARY"
import { existsSync, readFileSync } from "node:fs";
import { workspaceFolders } from "@fil-rouge/docs/workspaces";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const METRICS = ["lines", "statements", "functions", "branches"] as const;
type Metric = (typeof METRICS)[number];
interface Totals {
  total: Record<Metric, { total: number; covered: number; pct: number | "Unknown" }>;
}

/** The coverage summaries the workspaces wrote (a workspace whose tests did not run has none). */
export function findSummaries(root: string): string[] {
  return workspaceFolders(root)
    .map((folder) => join(root, folder, "reports", "coverage", "coverage-summary.json"))
    .filter((file) => existsSync(file));
}

const percent = (covered: number, total: number) =>
  total === 0 ? "-" : `${((100 * covered) / total).toFixed(1)} %`;

export function coverageTable(root: string): string {
  const files = findSummaries(root);
  if (files.length === 0) return "No coverage summary found: did the tests run with coverage?\n";
  const sums = Object.fromEntries(METRICS.map((m) => [m, { covered: 0, total: 0 }])) as Record<
    Metric,
    { covered: number; total: number }
  >;
  const rows = files.map((file) => {
    const { total } = JSON.parse(readFileSync(file, "utf8")) as Totals;
    const workspace = relative(root, file).split("/reports/")[0] ?? file;
    for (const metric of METRICS) {
      sums[metric].covered += total[metric].covered;
      sums[metric].total += total[metric].total;
    }
    return `| ${workspace} | ${METRICS.map((m) => percent(total[m].covered, total[m].total)).join(" | ")} |`;
  });
  const all = `| **all** | ${METRICS.map((m) => `**${percent(sums[m].covered, sums[m].total)}**`).join(" | ")} |`;
  return [
    "### Test coverage",
    "",
    `| Workspace | ${METRICS.join(" | ")} |`,
    `| --- | ${METRICS.map(() => "---:").join(" | ")} |`,
    ...rows,
    all,
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(coverageTable(fileURLToPath(new URL("../..", import.meta.url))));
}
