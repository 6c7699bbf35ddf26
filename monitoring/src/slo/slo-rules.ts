import { sliEvents, SLO_PERIOD, type Slo, type SloSpec } from "./slo-spec.js";

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}
export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export type Rule = RecordingRule | AlertingRule;
export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

/** Windows of the multiwindow, multi-burn-rate method (Google SRE workbook, chapter 5). */
export const SLI_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

/**
 * The four alert conditions of the SRE workbook's table 5-8, for a 30-day SLO: a burn rate of
 * 14.4 spends 2 % of the budget in 1 hour, 6 spends 5 % in 6 hours (both page); 3 spends 10 % in
 * 1 day and 1 spends 10 % in 3 days (both open a ticket). Each long window is paired with a short
 * one (1/12 of it) so the alert stops soon after the problem does.
 */
export const BURN_RATE_CONDITIONS = [
  { severity: "page", factor: 14.4, long: "1h", short: "5m" },
  { severity: "page", factor: 6, long: "6h", short: "30m" },
  { severity: "ticket", factor: 3, long: "1d", short: "2h" },
  { severity: "ticket", factor: 1, long: "3d", short: "6h" },
] as const;

export const RUNBOOK_BASE_URL =
  "https://github.com/fil-rouge-devops/fil-rouge-devops/blob/main/docs/runbooks";

const errorBudget = (slo: Slo) => Number((1 - slo.objective / 100).toFixed(6));
const sliMetric = (window: string) => `slo:sli_error:ratio_rate${window}`;

function windowQuery(query: string, window: string): string {
  return query.replaceAll("{{.window}}", window);
}

function sloLabels(spec: SloSpec, slo: Slo): Record<string, string> {
  return { slo_service: spec.service, slo: slo.name };
}

function selector(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ")}}`;
}

function sliRules(spec: SloSpec, slo: Slo): RuleGroup {
  const labels = sloLabels(spec, slo);
  const events = sliEvents(spec, slo);
  const rules: RecordingRule[] = SLI_WINDOWS.map((window) => ({
    record: sliMetric(window),
    // `or vector(0)`: a counter of errors has no series until the first error, and the SLI of a
    // service that never failed must be 0, not empty.
    expr: `(${windowQuery(events.errorQuery, window)} or vector(0))\n/\n(${windowQuery(events.totalQuery, window)})`,
    labels,
  }));
  // The 30-day ratio averages the 5m ratio instead of a rate over 30 days, which would make
  // Prometheus read a month of raw samples at every evaluation (Sloth does the same).
  rules.push({
    record: sliMetric(SLO_PERIOD),
    expr: `avg_over_time(${sliMetric("5m")}${selector(labels)}[${SLO_PERIOD}])`,
    labels,
  });
  return { name: `slo-sli-recordings-${slo.name}`, rules };
}

function metaRules(spec: SloSpec, slo: Slo): RuleGroup {
  const labels = sloLabels(spec, slo);
  const sel = selector(labels);
  return {
    name: `slo-meta-recordings-${slo.name}`,
    rules: [
      { record: "slo:objective:ratio", expr: `vector(${slo.objective / 100})`, labels },
      { record: "slo:error_budget:ratio", expr: `vector(${errorBudget(slo)})`, labels },
      { record: "slo:time_period:days", expr: `vector(${parseInt(SLO_PERIOD, 10)})`, labels },
      {
        record: "slo:current_burn_rate:ratio",
        expr: `${sliMetric("5m")}${sel} / slo:error_budget:ratio${sel}`,
        labels,
      },
      {
        record: "slo:period_burn_rate:ratio",
        expr: `${sliMetric(SLO_PERIOD)}${sel} / slo:error_budget:ratio${sel}`,
        labels,
      },
      {
        record: "slo:period_error_budget_remaining:ratio",
        expr: `1 - slo:period_burn_rate:ratio${sel}`,
        labels,
      },
    ],
  };
}

function alertRules(spec: SloSpec, slo: Slo): RuleGroup {
  const sel = selector(sloLabels(spec, slo));
  const budget = errorBudget(slo);
  const condition = (factor: number, long: string, short: string) =>
    `(\n  ${sliMetric(short)}${sel} > (${factor} * ${budget})\n  and\n  ${sliMetric(long)}${sel} > (${factor} * ${budget})\n)`;
  return {
    name: `slo-alerts-${slo.name}`,
    rules: (["page", "ticket"] as const).map((severity) => {
      const conditions = BURN_RATE_CONDITIONS.filter((c) => c.severity === severity);
      return {
        alert: slo.alerting.name,
        expr: conditions.map((c) => condition(c.factor, c.long, c.short)).join("\nor\n"),
        labels: { severity, slo_service: spec.service, slo: slo.name, ...spec.labels },
        annotations: {
          summary: slo.alerting.summary,
          description: `${slo.alerting.impact} ${severity === "page" ? "Fast burn: at this rate the 30-day error budget is gone within days; act now." : "Slow burn: the 30-day error budget will run out before the period ends; fix within days."} Objective ${slo.objective} %.`,
          runbook_url: `${RUNBOOK_BASE_URL}/${slo.alerting.name}.md`,
        },
      };
    }),
  };
}

/** Every rule group for one SLO: SLIs per window, meta (objective, budget), alerts. */
export function sloRuleGroups(spec: SloSpec, slo: Slo): RuleGroup[] {
  return [sliRules(spec, slo), metaRules(spec, slo), alertRules(spec, slo)];
}
