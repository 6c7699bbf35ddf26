// docs/deployer-une-journee.md tells a candidate on a budget what a day of the dev stack costs:
// its figures must be those costs.ts computes from Pulumi.dev.yaml, as infra/README.md's are.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "./config.js";
import { estimateCost, type CostEstimate } from "./costs.js";
import { stackSettings } from "./stack-files.js";

const PAGE = "../../../docs/deployer-une-journee.md";
const MARKER = "<!-- coût: pile dev";
/** The page's working day: deployed in the morning, destroyed at night. */
const WORKING_DAY_HOURS = 10;

/** French decimals, as the page writes them: 0,35. */
const fr = (usd: number) => usd.toFixed(2).replace(".", ",");

/** The row the page must hold for a stack, cells as written. */
function dayPageRow(stack: string, e: CostEstimate): string[] {
  return [
    `\`${stack}\``,
    `${e.nodes} × ${e.nodeType}`,
    String(e.natGateways),
    fr(e.perHour),
    fr(e.perHour * WORKING_DAY_HOURS),
    fr(e.perDay),
  ];
}

/** The first data row of the table after the marker. */
function pageRow(page: string): string[] {
  const start = page.indexOf(MARKER);
  if (start < 0) throw new Error(`"${MARKER}" not found in docs/deployer-une-journee.md`);
  const rows = page
    .slice(start)
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|\s*-/.test(line));
  return (rows[1] ?? "")
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe("docs/deployer-une-journee.md's cost table", () => {
  const dev = estimateCost(parseStackConfig(stackSettings("dev")));

  it("gives the dev stack's nodes, NAT gateways and cost per hour, working day and 24 h from costs.ts", () => {
    const page = readFileSync(new URL(PAGE, import.meta.url), "utf8");
    expect(pageRow(page)).toEqual(dayPageRow("dev", dev));
  });

  it("fails with the reason when the marked table is gone", () => {
    expect(() => pageRow("no table here")).toThrow(/not found/);
  });
});
