import type { PanelSpec } from "./panel-kit.js";

const JOB = 'job="shortlinks-api"';
const USER_ROUTES = `${JOB}, route!~"/livez|/readyz|/metrics"`;

/** RED: Rate, Errors, Duration per route, plus what the service does for its users. */
export const serviceOverviewPanels: PanelSpec[] = [
  {
    title: "Request rate by route",
    description: "Requests per second served, by route template (probes and scrapes excluded).",
    unit: "reqps",
    queries: [
      {
        expr: `sum by (route) (rate(http_request_duration_seconds_count{${USER_ROUTES}}[$__rate_interval]))`,
        legend: "{{route}}",
      },
    ],
  },
  {
    title: "Error ratio (5xx) by route",
    description: "Share of responses that are server errors. The availability SLOs allow 0.1 %.",
    unit: "percentunit",
    min: 0,
    queries: [
      {
        // `or … * 0`: routes without any 5xx yet show 0 instead of no data.
        expr: `(sum by (route) (rate(http_request_duration_seconds_count{${USER_ROUTES}, status_code=~"5.."}[$__rate_interval])) or sum by (route) (rate(http_request_duration_seconds_count{${USER_ROUTES}}[$__rate_interval])) * 0) / sum by (route) (rate(http_request_duration_seconds_count{${USER_ROUTES}}[$__rate_interval]))`,
        legend: "{{route}}",
      },
    ],
  },
  {
    title: "Latency p50 / p95 / p99",
    description: "Response time quantiles over every user route, from the histogram buckets.",
    unit: "s",
    w: 12,
    queries: [0.5, 0.95, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${USER_ROUTES}}[$__rate_interval])))`,
      legend: `p${q * 100}`,
    })),
  },
  {
    title: "Latency p99 by route",
    description: "99th percentile per route: the redirect SLO is 100 ms, the API SLO 300 ms.",
    unit: "s",
    queries: [
      {
        expr: `histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{${USER_ROUTES}}[$__rate_interval])))`,
        legend: "{{route}}",
      },
    ],
  },
  {
    title: "Responses by status code",
    description: "Requests per second by status code: 4xx are client mistakes, 5xx are ours.",
    unit: "reqps",
    queries: [
      {
        expr: `sum by (status_code) (rate(http_request_duration_seconds_count{${USER_ROUTES}}[$__rate_interval]))`,
        legend: "{{status_code}}",
      },
    ],
  },
  {
    title: "In-flight requests",
    description: "Requests being served right now, per instance.",
    unit: "short",
    queries: [
      { expr: `sum by (instance) (http_requests_in_flight{${JOB}})`, legend: "{{instance}}" },
    ],
  },
  {
    title: "Redirects by result",
    description: "Short links followed per second: found, or not found (unknown slug).",
    unit: "reqps",
    queries: [
      {
        expr: `sum by (result) (rate(shortlinks_redirects_total{${JOB}}[$__rate_interval]))`,
        legend: "{{result}}",
      },
    ],
  },
  {
    title: "Links created",
    description: "Short links created per second.",
    unit: "reqps",
    queries: [
      {
        expr: `sum(rate(shortlinks_links_created_total{${JOB}}[$__rate_interval]))`,
        legend: "created",
      },
    ],
  },
  {
    title: "Rejected calls (401 / 403 / 429)",
    description: "Security indicator: calls refused for a missing or wrong token, or rate-limited.",
    unit: "reqps",
    queries: [
      {
        expr: `sum by (status_code) (rate(http_request_duration_seconds_count{${JOB}, status_code=~"401|403|429"}[$__rate_interval]))`,
        legend: "{{status_code}}",
      },
    ],
    emptyWhenHealthy: true,
  },
  {
    title: "Injected faults",
    description: "Demo fault injection: 1 while a fault of this type is on.",
    unit: "short",
    queries: [{ expr: `max by (type) (demo_fault_active{${JOB}})`, legend: "{{type}}" }],
  },
];
