/* eslint-disable @typescript-eslint/no-deprecated -- the SDK marks the classic dashboard schema
   deprecated in favour of v2, but file provisioning and kube-prometheus-stack's sidecar load the
   classic JSON; v2 still needs Grafana 12 feature flags. */
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type Dashboard,
  type Panel,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { PanelBuilder as GaugeBuilder } from "@grafana/grafana-foundation-sdk/gauge";
import { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as StatBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TimeseriesBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import { logPanel, requestIdVariable, type LogPanelSpec } from "./log-panels.js";

// Every panel queries the datasource picked in the dashboard's `datasource` variable, so the same
// JSON works in compose (uid "prometheus") and in kube-prometheus-stack (uid "prometheus" too,
// but any other can be chosen from the drop-down).
const DATASOURCE = { type: "prometheus", uid: "${datasource}" };
const GRID_WIDTH = 24;

export interface Query {
  expr: string;
  legend?: string;
}

type AnyPanel = cog.Builder<Panel>;

export interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  queries: Query[];
  kind?: "timeseries" | "stat" | "gauge";
  /** Width in grid columns (24 per row) and height in rows; defaults 12 × 8. */
  w?: number;
  h?: number;
  min?: number;
  max?: number;
  /** Panels that are legitimately empty on a healthy system (e.g. firing alerts). */
  emptyWhenHealthy?: boolean;
  thresholds?: { color: string; value: number | null }[];
}

function targets(queries: Query[]) {
  return queries.map((q, i) =>
    new DataqueryBuilder()
      .expr(q.expr)
      .legendFormat(q.legend ?? "__auto")
      .refId(String.fromCharCode(65 + i)),
  );
}

function build(
  spec: PanelSpec,
  id: number,
  gridPos: { x: number; y: number; w: number; h: number },
): AnyPanel {
  const kind = spec.kind ?? "timeseries";
  const panel =
    kind === "stat"
      ? new StatBuilder()
      : kind === "gauge"
        ? new GaugeBuilder()
        : new TimeseriesBuilder();
  panel
    .id(id)
    .gridPos(gridPos)
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(DATASOURCE);
  for (const target of targets(spec.queries)) panel.withTarget(target);
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  if (spec.thresholds) {
    panel.thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(spec.thresholds),
    );
  }
  return panel;
}

/**
 * Builds a dashboard with explicit positions: panels flow left to right and wrap at 24 columns
 * (the SDK's automatic layout can overflow the grid). Log panels (Loki) come last, full width.
 */
export function dashboard(
  meta: { uid: string; title: string; description: string; tags: string[] },
  panels: PanelSpec[],
  logPanels: LogPanelSpec[] = [],
): Dashboard {
  const builder = new DashboardBuilder(meta.title)
    .uid(meta.uid)
    .description(meta.description)
    .tags(["shortlinks", "generated", ...meta.tags])
    .refresh("30s")
    .time({ from: "now-1h", to: "now" })
    .timezone("browser")
    .editable()
    .withVariable(
      new DatasourceVariableBuilder("datasource").label("Data source").type("prometheus"),
    );
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  panels.forEach((spec, index) => {
    const w = spec.w ?? 12;
    const h = spec.h ?? 8;
    if (x + w > GRID_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    builder.withPanel(build(spec, index + 1, { x, y, w, h }));
    x += w;
    rowHeight = Math.max(rowHeight, h);
  });
  if (logPanels.length > 0) builder.withVariable(requestIdVariable());
  y += rowHeight;
  logPanels.forEach((spec, index) => {
    builder.withPanel(logPanel(spec, panels.length + index + 1, { x: 0, y, w: GRID_WIDTH, h: 10 }));
    y += 10;
  });
  return builder.build();
}

/** Queries of the panels that must return data on a healthy, busy system. */
export function panelQueries(
  panels: PanelSpec[],
): { title: string; expr: string; emptyWhenHealthy: boolean }[] {
  return panels.flatMap((p) =>
    p.queries.map((q) => ({
      title: p.title,
      expr: q.expr,
      emptyWhenHealthy: p.emptyWhenHealthy ?? false,
    })),
  );
}
