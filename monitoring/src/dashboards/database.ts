import type { PanelSpec } from "./panel-kit.js";

const JOB = 'job="shortlinks-api"';

/** The database as the app sees it: query time, errors, pool pressure, readiness. */
export const databasePanels: PanelSpec[] = [
  {
    title: "Query duration p99 by operation",
    description: "99th percentile per named query (the name the application gives each query).",
    unit: "s",
    queries: [
      {
        expr: `histogram_quantile(0.99, sum by (le, operation) (rate(db_query_duration_seconds_bucket{${JOB}}[$__rate_interval])))`,
        legend: "{{operation}}",
      },
    ],
  },
  {
    title: "Queries by outcome",
    description: "Queries per second that succeeded or failed.",
    unit: "reqps",
    queries: [
      {
        expr: `sum by (outcome) (rate(db_query_duration_seconds_count{${JOB}}[$__rate_interval]))`,
        legend: "{{outcome}}",
      },
    ],
  },
  {
    title: "Pool connections",
    description: "Active and idle connections against the pool's maximum.",
    unit: "short",
    queries: [{ expr: `sum by (state) (db_pool_connections{${JOB}})`, legend: "{{state}}" }],
  },
  {
    title: "Queries waiting for a connection",
    description: "Above zero for long, the pool is too small or queries too slow.",
    unit: "short",
    queries: [{ expr: `sum(db_pool_waiting_requests{${JOB}})`, legend: "waiting" }],
  },
  {
    title: "Instances ready",
    description: "Instances whose readiness check (database ping) passes.",
    unit: "short",
    kind: "stat",
    w: 24,
    h: 5,
    queries: [{ expr: `sum(app_ready{${JOB}})`, legend: "ready" }],
  },
];
