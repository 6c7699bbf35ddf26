import { VariableType } from "@grafana/grafana-foundation-sdk/dashboard";
import { describe, expect, it } from "vitest";
import { allDashboards } from "./all-dashboards.js";

interface PanelJson {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid?: string };
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: { expr?: string; datasource?: unknown }[];
}

describe.each(allDashboards.map((d) => [d.file, d] as const))(
  "dashboard %s",
  (_file, { dashboard }) => {
    const panels = (dashboard.panels ?? []) as unknown as PanelJson[];

    it("has a stable uid, a title, and the datasource as a variable", () => {
      expect(dashboard.uid).toMatch(/^shortlinks-[a-z-]+$/);
      expect(dashboard.title).toMatch(/^Shortlinks \//);
      const variables = dashboard.templating.list ?? [];
      expect(
        variables.some(
          (v) =>
            v.name === "datasource" &&
            v.type === VariableType.Datasource &&
            v.query === "prometheus",
        ),
      ).toBe(true);
    });

    it("places every panel inside the 24-column grid without overlaps", () => {
      const cells = new Set<string>();
      for (const { gridPos, title } of panels) {
        expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
        for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
          for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
            const cell = `${x},${y}`;
            expect(cells.has(cell), `${title} overlaps at ${cell}`).toBe(false);
            cells.add(cell);
          }
        }
      }
    });

    it("gives every metric panel a unit, a query, and the dashboard's datasource", () => {
      expect(panels.length).toBeGreaterThan(3);
      // Log panels query Loki by its fixed uid (log-panels.test.ts).
      for (const panel of panels.filter((p) => p.type !== "logs")) {
        expect(panel.fieldConfig?.defaults?.unit, panel.title).toBeTruthy();
        expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
        expect(panel.datasource?.uid, panel.title).toBe("${datasource}");
      }
    });
  },
);

it("uses unique uids across dashboards", () => {
  const uids = allDashboards.map((d) => d.dashboard.uid);
  expect(new Set(uids).size).toBe(uids.length);
});
