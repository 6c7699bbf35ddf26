/* eslint-disable @typescript-eslint/no-deprecated -- the SDK marks the classic dashboard schema
   deprecated in favour of v2, but file provisioning and kube-prometheus-stack's sidecar load the
   classic JSON; v2 still needs Grafana 12 feature flags. */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { shortlinksSlos } from "../slo/shortlinks-slos.js";
import { databasePanels } from "./database.js";
import { nodejsRuntimePanels } from "./nodejs-runtime.js";
import { serviceLogPanels, type LogPanelSpec } from "./log-panels.js";
import { dashboard, type PanelSpec } from "./panel-kit.js";
import { serviceOverviewPanels } from "./service-overview.js";
import { sloPanels } from "./slo-dashboard.js";

export interface DashboardDefinition {
  file: string;
  /** Prometheus panels; the end-to-end test runs each query against a real Prometheus. */
  panels: PanelSpec[];
  /** Loki panels, after them. */
  logPanels: LogPanelSpec[];
  dashboard: Dashboard;
}

const define = (
  file: string,
  meta: Parameters<typeof dashboard>[0],
  panels: PanelSpec[],
  logPanels: LogPanelSpec[] = [],
): DashboardDefinition => ({
  file,
  panels,
  logPanels,
  dashboard: dashboard(meta, panels, logPanels),
});

export const allDashboards: DashboardDefinition[] = [
  define(
    "shortlinks-overview.json",
    {
      uid: "shortlinks-overview",
      title: "Shortlinks / Service overview",
      description: "Is the service healthy for its users? Rate, errors and duration per route.",
      tags: ["red"],
    },
    serviceOverviewPanels,
    serviceLogPanels,
  ),
  define(
    "shortlinks-slo.json",
    {
      uid: "shortlinks-slo",
      title: "Shortlinks / SLOs and error budgets",
      description: "Are we keeping our promises? SLIs, budgets left, burn rates and SLO alerts.",
      tags: ["slo"],
    },
    sloPanels(shortlinksSlos),
  ),
  define(
    "shortlinks-nodejs.json",
    {
      uid: "shortlinks-nodejs",
      title: "Shortlinks / Node.js runtime",
      description: "Is the process healthy? Event loop, memory, GC and CPU.",
      tags: ["runtime"],
    },
    nodejsRuntimePanels,
  ),
  define(
    "shortlinks-database.json",
    {
      uid: "shortlinks-database",
      title: "Shortlinks / Database",
      description: "Is the database keeping up? Query time, errors, pool and readiness.",
      tags: ["database"],
    },
    databasePanels,
  ),
];
