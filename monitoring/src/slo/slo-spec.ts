// The shape of an SLO definition, close to Sloth's (https://sloth.dev) so candidates who know
// one know the other: service / slos[] / sli / objective / alerting. The SLI is structured (which
// requests, what makes one bad) rather than free PromQL: the rules' queries are derived from it
// (sliEvents), and the rules' tests generate traffic from the same fields instead of parsing
// PromQL back.

/** The requests an SLI counts, as labels of http_request_duration_seconds. */
export interface RequestSelector {
  /** One route template, or a regular expression with one route it matches (for the tests). */
  route: { equals: string } | { matches: string; example: string };
}

export type Sli =
  /** Bad: a 5xx answer. */
  | { kind: "availability"; requests: RequestSelector }
  /** Bad: slower than the threshold, which must be a bucket bound of the histogram. */
  | { kind: "latency"; requests: RequestSelector; thresholdSeconds: number };

export interface SloSpec {
  service: string;
  labels: Record<string, string>;
  slos: Slo[];
}

export interface Slo {
  /** kebab-case id, used in the `slo` label and in file names. */
  name: string;
  description: string;
  /** Percentage over the 30-day period, e.g. 99.9. */
  objective: number;
  sli: Sli;
  alerting: {
    /** CamelCase alert name; its runbook is docs/runbooks/<name>.md. */
    name: string;
    summary: string;
    /** What the alert means for users, for the description annotation. */
    impact: string;
  };
}

/** The SLO period: error budgets and remaining budget are computed over it. */
export const SLO_PERIOD = "30d";

/** The Prometheus job of the service's scrape target: its name. */
export const jobOf = (spec: SloSpec) => spec.service;

/** A route the SLI counts, as the tests send it. */
export const exampleRoute = ({ route }: RequestSelector) =>
  "equals" in route ? route.equals : route.example;

/** The `le` label of the latency threshold, as prom-client writes a bucket bound. */
export const thresholdLabel = (seconds: number) => String(seconds);

/**
 * The SLI's PromQL, counting bad and all events per second; `{{.window}}` is replaced by each
 * window. Probes, scrapes and the fault API are not user traffic: only the selected routes count.
 */
export function sliEvents(spec: SloSpec, slo: Slo): { errorQuery: string; totalQuery: string } {
  const { route } = slo.sli.requests;
  const routeMatcher = "equals" in route ? `route="${route.equals}"` : `route=~"${route.matches}"`;
  const base = `job="${jobOf(spec)}",${routeMatcher}`;
  const rate = (extra = "") =>
    `sum(rate(http_request_duration_seconds_count{${base}${extra}}[{{.window}}]))`;
  if (slo.sli.kind === "availability")
    return { errorQuery: rate(`,status_code=~"5.."`), totalQuery: rate() };
  const under = `sum(rate(http_request_duration_seconds_bucket{${base},le="${thresholdLabel(slo.sli.thresholdSeconds)}"}[{{.window}}]))`;
  return { errorQuery: `(${rate()} - ${under})`, totalQuery: rate() };
}
