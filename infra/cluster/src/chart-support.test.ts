import { projectSettings, readStackFile } from "@fil-rouge/infra-policies/stack-settings";
import { describe, expect, it } from "vitest";
import { CHART_SUPPORT, supports } from "./chart-support.js";
import { CHARTS, type Chart } from "./charts.js";
import { ENVIRONMENTS } from "./config.js";
import { KYVERNO } from "./image-policy.js";

const INSTALLED: Record<string, Chart> = { ...CHARTS, kyverno: KYVERNO };

/** infra/aws's settings for a stack: the cluster this program installs on. */
const awsSettings = (stack: string) =>
  projectSettings(readStackFile(new URL("../../aws/", import.meta.url), stack), "shortlinks-aws");

describe("the pinned charts and the cluster's Kubernetes version", () => {
  it("has a support row for every chart, read for the version charts.ts pins", () => {
    expect(Object.keys(CHART_SUPPORT).sort()).toEqual(Object.keys(INSTALLED).sort());
    for (const [key, chart] of Object.entries(INSTALLED)) {
      const row = CHART_SUPPORT[key as keyof typeof CHART_SUPPORT];
      expect(row.version, key).toBe(chart.version);
      expect(row.source, key).toMatch(/^https:\/\//);
    }
  });

  it.each(ENVIRONMENTS)("every chart supports the EKS version of infra/aws's %s stack", (stack) => {
    const { version } = awsSettings(stack).cluster as { version: string };
    const unsupported = Object.entries(CHART_SUPPORT)
      .filter(([, row]) => !supports(row.kubernetes, version))
      .map(
        ([key, row]) => `${key} ${row.version}: ${row.kubernetes.min}-${row.kubernetes.max ?? ""}`,
      );
    expect(unsupported, `Kubernetes ${version}`).toEqual([]);
  });

  it("compares minor versions as numbers, bounds included", () => {
    expect(supports({ min: "1.33", max: "1.36" }, "1.34")).toBe(true);
    expect(supports({ min: "1.33", max: "1.36" }, "1.36")).toBe(true);
    expect(supports({ min: "1.29", max: "1.33" }, "1.34")).toBe(false);
    expect(supports({ min: "1.9" }, "1.10")).toBe(true);
    expect(() => supports({ min: "1.25" }, "1.34.1")).toThrow(/minor version/);
  });
});
