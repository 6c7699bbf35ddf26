// The sample application's fault scenarios: its routes, its alerts, its dashboards. Each has a
// card in docs/demo/<name>.md. Part of the sample-app seam: a fork writes its own list and points
// ../fault-scenarios.ts at it (docs/fork.md).
import type { FaultScenario } from "../faults/fault-scenario.js";

export const LINKS_FAULT_SCENARIOS: FaultScenario[] = [
  {
    name: "errors",
    title: "20 % of requests fail: the availability SLO burns and pages",
    watch: [
      "Grafana, Shortlinks / Service overview: 'Error ratio (5xx) by route' climbs to 20 %",
      "Shortlinks / SLOs and error budgets: burn rate (5m, 1h) far above 14.4",
      "Prometheus /alerts: RedirectAvailabilityBudgetBurn goes pending, then firing (severity page)",
    ],
    alert: "RedirectAvailabilityBudgetBurn",
    inject: { path: "/api/faults", body: { errorRate: 0.2 } },
    competency: "CP9 (SLO indicators), CP10 (alert interpreted through its runbook)",
  },
  {
    name: "latency",
    title: "Redirects slow down past 100 ms: the latency SLO burns",
    watch: [
      "Shortlinks / Service overview: 'Latency p99 by route' for /:slug jumps above 300 ms",
      "Shortlinks / SLOs and error budgets: redirect-latency SLI drops, budget gauge falls",
      "Prometheus /alerts: RedirectLatencyBudgetBurn fires (severity page)",
    ],
    alert: "RedirectLatencyBudgetBurn",
    inject: {
      path: "/api/faults",
      body: { latencyMs: 300, latencyJitterMs: 200, routes: ["/:slug"] },
    },
    competency: "CP9 (latency SLI from histogram buckets), CP10",
  },
  {
    name: "db-down",
    title: "The database becomes unreachable: readiness fails, the API answers 503",
    watch: [
      "curl /readyz: 503 with reason database_unavailable; /livez stays 200 (no restart loop)",
      "Shortlinks / Database: 'Instances ready' drops to 0; queries by outcome turn to errors",
      "Prometheus /alerts: ShortlinksNotReady (after 3 min) and the availability burn alerts",
    ],
    alert: "ShortlinksNotReady",
    inject: { path: "/api/faults/database", body: { unavailable: true } },
    competency: "CP6 (data service dependency), CP10, CP8 (probes keep traffic away)",
  },
  {
    name: "not-ready",
    title: "The instance reports not ready: the platform stops sending it traffic",
    watch: [
      "curl /readyz: 503 with reason fault_injected",
      "On Kubernetes: kubectl get endpoints shortlinks-api loses the pod; other pods keep serving",
      "Prometheus /alerts: ShortlinksNotReady fires after 3 minutes (severity page)",
    ],
    alert: "ShortlinksNotReady",
    inject: { path: "/api/faults/readiness", body: { failing: true } },
    competency: "CP8 (readiness probes), CP10",
  },
];
