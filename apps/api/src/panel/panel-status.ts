import type { Histogram } from "prom-client";
import type { FaultInjector } from "../faults/fault-injector.js";
import { readNotifications, type NotificationView } from "./notifications-view.js";
import { readPrometheus, type PrometheusView } from "./prometheus-view.js";
import { TrafficWindow, type TrafficView } from "./traffic-window.js";

/** What GET /api/panel/status answers: everything the fault panel's strip shows. */
export interface PanelStatus {
  generatedAt: string;
  /** The faults on now, by type, with when each reverts by itself. */
  faults: { type: string; expiresAt: string }[];
  /** From this instance's own registry; null until two reads are far enough apart. */
  traffic: TrafficView | null;
  /** null when PROMETHEUS_URL is unset; `error` when it did not answer. */
  prometheus: (PrometheusView & { error?: undefined }) | { error: string } | null;
  /** null when NOTIFICATIONS_URL is unset; `error` when the receiver did not answer. */
  notifications: { items: NotificationView[]; error?: undefined } | { error: string } | null;
}

export interface PanelStatusDeps {
  histogram: Histogram;
  faults: FaultInjector;
  prometheusUrl: string | undefined;
  notificationsUrl: string | undefined;
  /** Each outside call's limit: the strip refreshes every few seconds and must not pile up. */
  timeoutMs?: number;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createPanelStatus(deps: PanelStatusDeps): { read(): Promise<PanelStatus> } {
  const timeoutMs = deps.timeoutMs ?? 1500;
  // Traffic is what a fault can touch: probes, /metrics, the fault API and this panel are not.
  const traffic = new TrafficWindow(deps.histogram, (route) =>
    deps.faults.faultableRoutes.has(route),
  );
  return {
    async read() {
      const state = deps.faults.state();
      const faults = [
        ...(state.fault && state.fault.errorRate > 0 ? [["errors", state.fault] as const] : []),
        ...(state.fault && state.fault.latencyMs + state.fault.latencyJitterMs > 0
          ? [["latency", state.fault] as const]
          : []),
        ...(state.readinessFailure ? [["readiness", state.readinessFailure] as const] : []),
        ...(state.databaseOutage ? [["database", state.databaseOutage] as const] : []),
      ].map(([type, { expiresAt }]) => ({ type, expiresAt: expiresAt.toISOString() }));
      const [trafficView, prometheus, notifications] = await Promise.all([
        traffic.read(),
        deps.prometheusUrl === undefined
          ? null
          : readPrometheus(deps.prometheusUrl, timeoutMs).catch((error: unknown) => ({
              error: `Prometheus at ${deps.prometheusUrl}: ${reason(error)}`,
            })),
        deps.notificationsUrl === undefined
          ? null
          : readNotifications(deps.notificationsUrl, timeoutMs).then(
              (items) => ({ items }),
              (error: unknown) => ({
                error: `notification receiver at ${deps.notificationsUrl}: ${reason(error)}`,
              }),
            ),
      ]);
      return {
        generatedAt: new Date().toISOString(),
        faults,
        traffic: trafficView,
        prometheus,
        notifications,
      };
    },
  };
}
