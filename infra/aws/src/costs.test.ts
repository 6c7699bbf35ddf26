// infra/README.md's stack and cost tables against the stack files: the node counts, sizes and
// figures a candidate reads before deploying are the ones Pulumi.<stack>.yaml would run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "./config.js";
import { costRow, estimateCost } from "./costs.js";
import { stackSettings, STACKS } from "./stack-files.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The cells of the table rows that follow `marker` in the README, first cell as the key. */
function tableAfter(marker: string): Map<string, string[]> {
  const start = README.indexOf(marker);
  expect(start, `"${marker}" in infra/README.md`).toBeGreaterThanOrEqual(0);
  const lines = README.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows = lines.slice(first);
  const table = rows.slice(
    0,
    rows.findIndex((line) => !line.startsWith("|")),
  );
  return new Map(
    table
      .filter((line) => !/^\|\s*-/.test(line))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
      .map((cells) => [cells[0]!, cells.slice(1)]),
  );
}

const configs = STACKS.map((stack) => [stack, parseStackConfig(stackSettings(stack))] as const);

describe("infra/README.md's figures", () => {
  it("give each stack's running node count, range and instance type as its stack file does", () => {
    const row = tableAfter("## The three stacks").get("EKS nodes: running (min-max)");
    expect(row).toEqual(
      configs.map(
        ([, c]) =>
          `${c.cluster.desiredSize} (${c.cluster.minSize}-${c.cluster.maxSize}) × ${c.cluster.instanceTypes[0]}`,
      ),
    );
  });

  it("give each stack's cost per hour, day and month as computed from its stack file", () => {
    const table = tableAfter("<!-- costs:");
    expect([...table.keys()]).toEqual(["Stack", ...STACKS]);
    for (const [stack, config] of configs) {
      expect([stack, ...table.get(stack)!].join(" | ")).toBe(costRow(stack, estimateCost(config)));
    }
  });

  it("count one public IPv4 per NAT gateway and per zone of the load balancer, none for the ops server", () => {
    const [dev, staging] = configs.map(([, c]) => estimateCost(c));
    expect(dev).toMatchObject({ natGateways: 1, publicIpv4: 1 + 3 });
    expect(staging).toMatchObject({ natGateways: 3, publicIpv4: 3 + 3 });
    // A day is 24 hours of the hourly figure; a month, 730.
    expect(dev!.perDay).toBeCloseTo(dev!.perHour * 24);
  });

  it("refuse an instance type the price table does not know, naming it", () => {
    const [, dev] = configs[0]!;
    const bigger = { ...dev, cluster: { ...dev.cluster, instanceTypes: ["m7i.48xlarge"] } };
    expect(() => estimateCost(bigger)).toThrow("no price for m7i.48xlarge");
  });
});
