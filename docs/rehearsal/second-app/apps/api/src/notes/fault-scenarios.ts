// The second application's fault scenarios, on its own route and alerts
// (monitoring/src/slo/shortlinks-slos.ts of the fixture).
import type { FaultScenario } from "../faults/fault-scenario.js";

export const NOTES_FAULT_SCENARIOS: FaultScenario[] = [
  {
    name: "errors",
    title: "Half of the note calls fail: the availability SLO burns",
    watch: ["Prometheus /alerts: NotesAvailabilityBudgetBurn fires"],
    alert: "NotesAvailabilityBudgetBurn",
    inject: { path: "/api/faults", body: { errorRate: 0.5 } },
    competency: "CP9, CP10",
  },
  {
    name: "latency",
    title: "Note calls slow down past 300 ms: the latency SLO burns",
    watch: ["Prometheus /alerts: NotesLatencyBudgetBurn fires"],
    alert: "NotesLatencyBudgetBurn",
    inject: { path: "/api/faults", body: { latencyMs: 500, routes: ["/api/notes"] } },
    competency: "CP9, CP10",
  },
];
