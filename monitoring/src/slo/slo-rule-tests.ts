import {
  BURN_RATE_CONDITIONS,
  sloRuleGroups,
  SLI_WINDOWS,
  type AlertingRule,
} from "./slo-rules.js";
import {
  exampleRoute,
  jobOf,
  SLO_PERIOD,
  thresholdLabel,
  type Slo,
  type SloSpec,
} from "./slo-spec.js";

/**
 * promtool unit tests for the generated SLO rules. The scenarios describe traffic, not the
 * formulas: a healthy day, a one-minute blip, a slow burn, an outage. The expectations (which
 * severities fire when) follow from the SRE workbook's thresholds, so a wrong factor or window in
 * the generator makes `promtool test rules` fail.
 */

const REQUESTS_PER_MINUTE = 1000;

/** Traffic as segments of constant bad fraction, one sample per minute. */
export interface Segment {
  minutes: number;
  badFraction: number;
}

function counter(segments: Segment[], perMinute: (s: Segment) => number): string {
  let value = 0;
  const parts: string[] = ["0"];
  for (const segment of segments) {
    const step = perMinute(segment);
    parts.push(`${value + step}+${step}x${segment.minutes - 1}`);
    value += step * segment.minutes;
  }
  return parts.join(" ");
}

/** The route and, for a latency SLI, the bucket its traffic uses: read from the SLI's fields. */
function trafficShape(slo: Slo) {
  return {
    route: exampleRoute(slo.sli.requests),
    le: slo.sli.kind === "latency" ? thresholdLabel(slo.sli.thresholdSeconds) : undefined,
  };
}

function inputSeries(spec: SloSpec, slo: Slo, segments: Segment[]) {
  const { route, le } = trafficShape(slo);
  const base = `job="${jobOf(spec)}", method="GET", route="${route}"`;
  const good = (s: Segment) => Math.round(REQUESTS_PER_MINUTE * (1 - s.badFraction));
  const bad = (s: Segment) => REQUESTS_PER_MINUTE - good(s);
  if (le) {
    // Latency: every request succeeds; the bad ones land above the threshold bucket.
    return [
      {
        series: `http_request_duration_seconds_count{${base}, status_code="200"}`,
        values: counter(segments, () => REQUESTS_PER_MINUTE),
      },
      {
        series: `http_request_duration_seconds_bucket{${base}, status_code="200", le="${le}"}`,
        values: counter(segments, good),
      },
    ];
  }
  const series = [
    {
      series: `http_request_duration_seconds_count{${base}, status_code="200"}`,
      values: counter(segments, good),
    },
  ];
  // Like prom-client, no 5xx series at all until the first server error.
  if (segments.some((s) => s.badFraction > 0)) {
    series.push({
      series: `http_request_duration_seconds_count{${base}, status_code="500"}`,
      values: counter(segments, bad),
    });
  }
  return series;
}

const WINDOW_MINUTES: Record<string, number> = {
  "5m": 5,
  "30m": 30,
  "1h": 60,
  "2h": 120,
  "6h": 360,
  "1d": 1440,
  "3d": 4320,
};

/** Bad fraction of the events in the window ending at `minute`, straight from the scenario. */
function badRatio(segments: Segment[], minute: number, windowMinutes: number): number {
  const perMinute = segments.flatMap((s) => Array<number>(s.minutes).fill(s.badFraction));
  const inWindow = perMinute.slice(Math.max(0, minute - windowMinutes), minute);
  return inWindow.reduce((a, b) => a + b, 0) / inWindow.length;
}

function severitiesAt(segments: Segment[], minute: number, budget: number): string[] {
  const firing = new Set<string>();
  for (const c of BURN_RATE_CONDITIONS) {
    const threshold = c.factor * budget;
    const ratios = [c.short, c.long].map((w) => badRatio(segments, minute, WINDOW_MINUTES[w] ?? 0));
    for (const ratio of ratios) {
      if (ratio > 0 && Math.abs(ratio - threshold) / threshold < 0.15) {
        throw new Error(
          `borderline scenario: ratio ${ratio} near threshold ${threshold} at minute ${minute}`,
        );
      }
    }
    if (ratios.every((ratio) => ratio > threshold)) firing.add(c.severity);
  }
  return [...firing].sort();
}

/** Rules are evaluated every this many minutes in the generated tests. */
export const EVALUATION_MINUTES = 5;

/**
 * The severities the SRE workbook's table says should fire, computed from the traffic itself:
 * an oracle independent of the PromQL under test. It refuses scenarios that are borderline
 * (Prometheus' rate extrapolation could land on either side of a threshold) or that depend on
 * whether the alert group runs before or after the recording group in an evaluation (promtool,
 * like Prometheus, does not order groups, so alerts may see recordings one interval old).
 */
export function expectedSeverities(segments: Segment[], minute: number, budget: number): string[] {
  const now = severitiesAt(segments, minute, budget);
  const before = severitiesAt(segments, minute - EVALUATION_MINUTES, budget);
  if (now.join() !== before.join()) {
    throw new Error(
      `scenario depends on rule group order at minute ${minute}: ${before.join()} then ${now.join()}`,
    );
  }
  return now;
}

const DAY = 24 * 60;

/**
 * The scenario's check at `minute`, or at the first evaluation after it (within half an hour) where
 * the oracle can decide: which minute is borderline depends on the objective, so a check that
 * suits 99.9 % may sit on a threshold at 99.5 %. Never a borderline check: the search fails instead.
 */
export function decidableCheck(segments: Segment[], minute: number, budget: number): number {
  let first: unknown;
  for (let at = minute; at <= minute + 30; at += EVALUATION_MINUTES) {
    try {
      expectedSeverities(segments, at, budget);
      return at;
    } catch (error) {
      first ??= error;
    }
  }
  throw first;
}

/** Scenarios, each with the minutes at which its alerts are checked. */
export const SCENARIOS = (
  budget: number,
): { description: string; segments: Segment[]; checks: number[] }[] => [
  {
    description: "half the budget spent evenly for a day",
    segments: [{ minutes: DAY + 60, badFraction: budget / 2 }],
    checks: [DAY],
  },
  {
    description: "a one-minute blip at 50 % after a healthy day",
    segments: [
      { minutes: DAY, badFraction: 0 },
      { minutes: 1, badFraction: 0.5 },
      { minutes: 30, badFraction: 0 },
    ],
    checks: [DAY + 5, DAY + 10],
  },
  {
    description: "a slow burn at 5 times the budget",
    segments: [
      { minutes: 2 * DAY, badFraction: 0 },
      { minutes: DAY + 60, badFraction: budget * 5 },
    ],
    checks: [2 * DAY + 30, 3 * DAY],
  },
  {
    description: "a 15-minute outage where every event is bad, after three healthy days",
    segments: [
      { minutes: 3 * DAY, badFraction: 0 },
      { minutes: 15, badFraction: 1 },
      { minutes: 120, badFraction: 0 },
    ],
    checks: [3 * DAY + 15, 3 * DAY + 115],
  },
];

export function sloRuleTests(spec: SloSpec, slo: Slo, ruleFile: string) {
  const groups = sloRuleGroups(spec, slo);
  const alerts = groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => "alert" in r);
  const name = slo.alerting.name;
  const budget = Number((1 - slo.objective / 100).toFixed(6));
  const labels = `slo="${slo.name}", slo_service="${spec.service}"`;
  const alertsAt = (segments: Segment[], minute: number) => ({
    eval_time: `${minute}m`,
    alertname: name,
    exp_alerts: alerts
      .filter((a) => expectedSeverities(segments, minute, budget).includes(a.labels.severity ?? ""))
      .map((a) => ({ exp_labels: a.labels, exp_annotations: a.annotations })),
  });
  const healthy: Segment[] = [{ minutes: 120, badFraction: 0 }];

  return {
    rule_files: [ruleFile],
    // Rules are evaluated every 5 minutes (samples stay 1 minute apart): three days of history at
    // 1-minute evaluations made promtool take a minute per file, mostly in the 30-day average.
    evaluation_interval: `${EVALUATION_MINUTES}m`,
    tests: [
      {
        name: `${slo.name}: no bad events: every recording rule has its exact value, nothing fires`,
        interval: "1m",
        input_series: inputSeries(spec, slo, healthy),
        promql_expr_test: [
          ...[...SLI_WINDOWS, SLO_PERIOD].map((window) => ({
            expr: `slo:sli_error:ratio_rate${window}{${labels}}`,
            eval_time: "100m",
            exp_samples: [{ labels: `slo:sli_error:ratio_rate${window}{${labels}}`, value: 0 }],
          })),
          ...(
            [
              ["slo:objective:ratio", slo.objective / 100],
              ["slo:error_budget:ratio", budget],
              ["slo:time_period:days", 30],
              ["slo:current_burn_rate:ratio", 0],
              ["slo:period_burn_rate:ratio", 0],
              ["slo:period_error_budget_remaining:ratio", 1],
            ] as const
          ).map(([metric, value]) => ({
            expr: `${metric}{${labels}}`,
            eval_time: "100m",
            exp_samples: [{ labels: `${metric}{${labels}}`, value }],
          })),
        ],
        alert_rule_test: [alertsAt(healthy, 60), alertsAt(healthy, 115)],
      },
      {
        name: `${slo.name}: 10 % bad events for an hour: the 5m ratio is 0.1`,
        interval: "1m",
        input_series: inputSeries(spec, slo, [{ minutes: 61, badFraction: 0.1 }]),
        promql_expr_test: [
          {
            expr: `round(slo:sli_error:ratio_rate5m{${labels}}, 0.001)`,
            eval_time: "60m",
            exp_samples: [{ labels: `{${labels}}`, value: 0.1 }],
          },
        ],
      },
      ...SCENARIOS(budget).map(({ description, segments, checks }) => ({
        name: `${slo.name}: ${description}`,
        interval: "1m",
        input_series: inputSeries(spec, slo, segments),
        alert_rule_test: checks.map((minute) =>
          alertsAt(segments, decidableCheck(segments, minute, budget)),
        ),
      })),
    ],
  };
}
