import { getHeapStatistics } from "node:v8";
import { Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Config } from "./config.js";

/** What a database pool reports, read at scrape time by the db_pool_* gauges below. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** Route label for requests that matched no route: never the raw URL, so series stay bounded. */
export const UNMATCHED_ROUTE = "unmatched";

// The app's own registry (not prom-client's global one), so tests and several app instances
// in one process never collide.
export function createMetrics(build: Config["build"]) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequestDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by method, route template and status code.",
    labelNames: ["method", "route", "status_code"] as const,
    // Around the SLO thresholds (100 ms and 300 ms, monitoring/src/slo/) so both are exact bucket bounds.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const httpRequestsInFlight = new Gauge({
    name: "http_requests_in_flight",
    help: "HTTP requests being served right now.",
    registers: [registry],
  });
  const dbQueryDuration = new Histogram({
    name: "db_query_duration_seconds",
    help: "Database query duration by named operation and outcome.",
    labelNames: ["operation", "outcome"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const faultActive = new Gauge({
    name: "demo_fault_active",
    help: "1 while an injected fault of this type is active (demo fault injection).",
    labelNames: ["type"] as const,
    registers: [registry],
  });
  const buildInfo = new Gauge({
    name: "app_build_info",
    help: "Build information; always 1.",
    labelNames: ["version", "commit"] as const,
    registers: [registry],
  });
  buildInfo.set({ version: build.version, commit: build.commit }, 1);

  // The heap ceiling V8 derived from the container's memory limit: alerts compare usage to it.
  new Gauge({
    name: "nodejs_heap_size_limit_bytes",
    help: "V8 heap size limit (derived from the container memory limit or --max-old-space-size).",
    registers: [registry],
    collect() {
      this.set(getHeapStatistics().heap_size_limit);
    },
  });

  // Evaluated at scrape time, like /readyz, so Prometheus sees readiness without kubelet's view.
  let readiness: (() => Promise<boolean>) | undefined;
  new Gauge({
    name: "app_ready",
    help: "1 when the instance is ready to serve (same check as /readyz), else 0.",
    registers: [registry],
    async collect() {
      if (readiness) this.set((await readiness()) ? 1 : 0);
    },
  });

  // Read at scrape time from whichever database the app was given (see observePool).
  let poolStats: (() => PoolStats) | undefined;
  new Gauge({
    name: "db_pool_connections",
    help: "Database pool connections by state (idle, active) and the pool's maximum (max).",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const stats = poolStats?.();
      if (!stats) return;
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "active" }, stats.total - stats.idle);
      this.set({ state: "max" }, stats.max);
    },
  });
  new Gauge({
    name: "db_pool_waiting_requests",
    help: "Queries waiting for a free pool connection.",
    registers: [registry],
    collect() {
      const stats = poolStats?.();
      if (stats) this.set(stats.waiting);
    },
  });
  for (const type of ["errors", "latency", "readiness", "database"]) faultActive.set({ type }, 0);

  return {
    registry,
    httpRequestDuration,
    httpRequestsInFlight,
    dbQueryDuration,
    faultActive,
    observePool(stats: () => PoolStats) {
      poolStats = stats;
    },
    observeReadiness(check: () => Promise<boolean>) {
      readiness = check;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
