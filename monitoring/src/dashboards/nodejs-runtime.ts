import type { PanelSpec } from "./panel-kit.js";

const JOB = 'job="shortlinks-api"';

/** The Node.js process: event loop, memory against its limit, garbage collection, CPU. */
export const nodejsRuntimePanels: PanelSpec[] = [
  {
    title: "Event-loop lag p99",
    description:
      "How late timers fire: above 100 ms every request waits; the alert fires at 200 ms.",
    unit: "s",
    queries: [{ expr: `nodejs_eventloop_lag_p99_seconds{${JOB}}`, legend: "{{instance}}" }],
  },
  {
    title: "Heap used vs limit",
    description: "V8 heap in use against the limit V8 derived from the container's memory limit.",
    unit: "bytes",
    queries: [
      {
        expr: `sum by (instance) (nodejs_heap_size_used_bytes{${JOB}})`,
        legend: "used {{instance}}",
      },
      {
        expr: `sum by (instance) (nodejs_heap_size_limit_bytes{${JOB}})`,
        legend: "limit {{instance}}",
      },
    ],
  },
  {
    title: "Garbage collection time",
    description: "Seconds per second spent in GC, by kind (minor, major, incremental).",
    unit: "percentunit",
    queries: [
      {
        expr: `sum by (kind) (rate(nodejs_gc_duration_seconds_sum{${JOB}}[$__rate_interval]))`,
        legend: "{{kind}}",
      },
    ],
  },
  {
    title: "CPU",
    description: "CPU seconds per second used by the process (1 = one full core).",
    unit: "percentunit",
    queries: [
      {
        expr: `sum by (instance) (rate(process_cpu_seconds_total{${JOB}}[$__rate_interval]))`,
        legend: "{{instance}}",
      },
    ],
  },
  {
    title: "Resident memory",
    description: "Process RSS: what the container's memory limit is compared with.",
    unit: "bytes",
    queries: [{ expr: `process_resident_memory_bytes{${JOB}}`, legend: "{{instance}}" }],
  },
  {
    title: "Open handles",
    description: "Active libuv handles (sockets, timers); a steady climb hints at a leak.",
    unit: "short",
    queries: [
      { expr: `sum by (instance) (nodejs_active_handles_total{${JOB}})`, legend: "{{instance}}" },
    ],
  },
];
