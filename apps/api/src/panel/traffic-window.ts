import type { Histogram } from "prom-client";

/** Request rate, 5xx ratio and p99 over the last seconds, as the audience should read them. */
export interface TrafficView {
  windowSeconds: number;
  requestsPerSecond: number;
  /** null when no request arrived in the window. */
  errorRatio: number | null;
  p99Seconds: number | null;
}

interface Sample {
  at: number;
  total: number;
  errors: number;
  /** Cumulative count per upper bound (Infinity for +Inf), summed over the counted routes. */
  buckets: Map<number, number>;
}

/**
 * The histogram_quantile of Prometheus on one set of cumulative buckets: linear interpolation
 * inside the bucket that holds the rank; the highest finite bound when it falls in +Inf.
 */
export function quantileFromBuckets(q: number, buckets: Map<number, number>): number | null {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Infinity) ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bound of bounds) {
    const count = buckets.get(bound) ?? 0;
    if (count >= rank) {
      if (bound === Infinity) return lowerBound;
      if (count === lowerCount) return bound;
      return lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / (count - lowerCount);
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}

/**
 * Rates from the app's own request histogram, without Prometheus: each read takes a sample and
 * compares it with the oldest one kept in the window. Nothing runs between reads; a baseline older
 * than twice the window is dropped, so a page opened after a quiet hour shows the present.
 */
export class TrafficWindow {
  private samples: Sample[] = [];

  constructor(
    private readonly histogram: Histogram,
    /** Which route templates count as traffic (not probes, scrapes or this panel). */
    private readonly counts: (route: string) => boolean,
    private readonly windowMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<TrafficView | null> {
    const current = await this.sample();
    const horizon = current.at - this.windowMs;
    this.samples = this.samples.filter((s) => s.at >= current.at - 2 * this.windowMs);
    // Keep the newest sample at or before the horizon as the baseline, and everything after it.
    while (this.samples.length > 1 && (this.samples[1]?.at ?? Infinity) <= horizon)
      this.samples.shift();
    const baseline = this.samples[0];
    this.samples.push(current);
    if (!baseline || current.at - baseline.at < 500) return null;
    const seconds = (current.at - baseline.at) / 1000;
    const total = current.total - baseline.total;
    const buckets = new Map(
      [...current.buckets].map(([bound, count]) => [
        bound,
        count - (baseline.buckets.get(bound) ?? 0),
      ]),
    );
    return {
      windowSeconds: Math.round(seconds),
      requestsPerSecond: total / seconds,
      errorRatio: total > 0 ? (current.errors - baseline.errors) / total : null,
      p99Seconds: quantileFromBuckets(0.99, buckets),
    };
  }

  private async sample(): Promise<Sample> {
    const sample: Sample = { at: this.now(), total: 0, errors: 0, buckets: new Map() };
    const { name, values } = await this.histogram.get();
    for (const { metricName, labels, value } of values) {
      if (!this.counts(String(labels.route))) continue;
      if (metricName === `${name}_count`) {
        sample.total += value;
        if (String(labels.status_code).startsWith("5")) sample.errors += value;
      } else if (metricName === `${name}_bucket`) {
        const bound = labels.le === "+Inf" ? Infinity : Number(labels.le);
        sample.buckets.set(bound, (sample.buckets.get(bound) ?? 0) + value);
      }
    }
    return sample;
  }
}
