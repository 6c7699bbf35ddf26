// The shape of a named fault scenario of the live demo: `npm run scenario -- <name>` (apps/demo)
// and the home page's fault panel both read the application's list (../fault-scenarios.ts).

export interface FaultScenario {
  name: "errors" | "latency" | "db-down" | "not-ready";
  title: string;
  /** What the audience watches, printed when the fault goes in. */
  watch: string[];
  /** The alert that proves it, as Prometheus names it in ALERTS. */
  alert: string;
  /** The fault API call that starts it (PUT path and body, without durationSeconds). */
  inject: { path: string; body: Record<string, unknown> };
  /** How it ends: DELETE /api/faults clears every fault. */
  competency: string;
}
