import { SLI_WINDOWS } from "../slo/slo-rules.js";
import type { SloSpec } from "../slo/slo-spec.js";
import type { PanelSpec } from "./panel-kit.js";

/** One row per SLO: SLI now, budget left, burn rate per window, and the SLO alerts firing. */
export function sloPanels(spec: SloSpec): PanelSpec[] {
  return spec.slos.flatMap((slo) => {
    const sel = `slo_service="${spec.service}", slo="${slo.name}"`;
    return [
      {
        title: `${slo.name}: SLI (5m)`,
        description: `${slo.description} Share of good events over the last 5 minutes.`,
        unit: "percentunit",
        kind: "stat",
        w: 6,
        h: 6,
        queries: [{ expr: `1 - slo:sli_error:ratio_rate5m{${sel}}`, legend: "SLI" }],
        thresholds: [
          { color: "red", value: null },
          { color: "green", value: slo.objective / 100 },
        ],
      },
      {
        title: `${slo.name}: error budget remaining (30d)`,
        description: "Share of the 30-day error budget still unspent; below 0 the SLO is missed.",
        unit: "percentunit",
        kind: "gauge",
        w: 6,
        h: 6,
        min: 0,
        max: 1,
        queries: [{ expr: `slo:period_error_budget_remaining:ratio{${sel}}`, legend: "remaining" }],
        thresholds: [
          { color: "red", value: null },
          { color: "orange", value: 0.25 },
          { color: "green", value: 0.5 },
        ],
      },
      {
        title: `${slo.name}: burn rate by window`,
        description:
          "Error ratio divided by the error budget. 1 spends the budget exactly in 30 days; pages start at 14.4 (1h) and 6 (6h).",
        unit: "short",
        w: 8,
        h: 6,
        queries: SLI_WINDOWS.map((window) => ({
          expr: `slo:sli_error:ratio_rate${window}{${sel}} / on (slo_service, slo) slo:error_budget:ratio{${sel}}`,
          legend: window,
        })),
      },
      {
        title: `${slo.name}: alerts firing`,
        description: `${slo.alerting.name} alerts currently firing, by severity. Empty when all is well.`,
        unit: "short",
        kind: "stat",
        w: 4,
        h: 6,
        emptyWhenHealthy: true,
        queries: [
          {
            expr: `sum by (severity) (ALERTS{alertname="${slo.alerting.name}", alertstate="firing"})`,
            legend: "{{severity}}",
          },
        ],
      },
    ];
  });
}
