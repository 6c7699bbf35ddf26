import { z } from "zod";

export interface AlertView {
  name: string;
  severity: string;
  state: "firing" | "pending";
  since: string;
}

export interface ErrorBudgetView {
  slo: string;
  /** Share of the period's error budget left: 1 untouched, 0 spent, below 0 overspent. */
  remaining: number;
}

export interface PrometheusView {
  alerts: AlertView[];
  errorBudgets: ErrorBudgetView[];
}

// The remaining budget recorded for every SLO by the generated rules (monitoring/src/slo), one
// series per `slo` label: the panel reads the rule's name, not any SLO of the sample application.
export const ERROR_BUDGET_QUERY = "slo:period_error_budget_remaining:ratio";

// The fields the panel shows from Prometheus' HTTP API
// (https://prometheus.io/docs/prometheus/latest/querying/api/); the rest passes through.
const alertsBody = z.object({
  data: z.object({
    alerts: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        state: z.string(),
        activeAt: z.string().optional(),
      }),
    ),
  }),
});
const vectorBody = z.object({
  data: z.object({
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        value: z.tuple([z.number(), z.string()]),
      }),
    ),
  }),
});

async function getJson(url: URL, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return response.json();
}

/** Alerts pending or firing, and each SLO's budget left, from Prometheus at `base`. */
export async function readPrometheus(base: string, timeoutMs: number): Promise<PrometheusView> {
  const query = new URL("api/v1/query", withSlash(base));
  query.searchParams.set("query", ERROR_BUDGET_QUERY);
  const [alerts, budgets] = await Promise.all([
    getJson(new URL("api/v1/alerts", withSlash(base)), timeoutMs).then((b) => alertsBody.parse(b)),
    getJson(query, timeoutMs).then((b) => vectorBody.parse(b)),
  ]);
  // One line per alert, state and severity: Prometheus lists every series of each.
  const unique = new Map<string, AlertView>();
  for (const a of alerts.data.alerts) {
    if (a.state !== "firing" && a.state !== "pending") continue;
    const view: AlertView = {
      name: a.labels.alertname ?? "(no alertname)",
      severity: a.labels.severity ?? "none",
      state: a.state,
      since: a.activeAt ?? "",
    };
    const key = `${view.name}/${view.state}/${view.severity}`;
    if (!unique.has(key)) unique.set(key, view);
  }
  return {
    alerts: [...unique.values()].sort(
      (a, b) => a.state.localeCompare(b.state) || a.name.localeCompare(b.name),
    ),
    errorBudgets: budgets.data.result
      .map((r) => ({ slo: r.metric.slo ?? "(no slo label)", remaining: Number(r.value[1]) }))
      .filter((b) => Number.isFinite(b.remaining))
      .sort((a, b) => a.slo.localeCompare(b.slo)),
  };
}

const withSlash = (base: string) => (base.endsWith("/") ? base : `${base}/`);
