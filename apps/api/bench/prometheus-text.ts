/** Reads a histogram and a few gauges from the API's /metrics text (Prometheus exposition format). */

export type Buckets = Map<string, Map<number, number>>; // route -> le -> cumulative count

export function histogramByRoute(text: string, metric: string): Buckets {
  const buckets: Buckets = new Map();
  const pattern = new RegExp(`^${metric}_bucket\\{([^}]*)\\} (\\S+)$`, "gm");
  for (const [, labels = "", value = "0"] of text.matchAll(pattern)) {
    const le = /le="([^"]+)"/.exec(labels)?.[1];
    const route = /route="([^"]+)"/.exec(labels)?.[1];
    if (!le || !route) continue;
    const bound = le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
    const perRoute = buckets.get(route) ?? new Map<number, number>();
    perRoute.set(bound, (perRoute.get(bound) ?? 0) + Number(value));
    buckets.set(route, perRoute);
  }
  return buckets;
}

/** after - before, per route and bucket: what one run added. */
export function difference(after: Buckets, before: Buckets): Buckets {
  const result: Buckets = new Map();
  for (const [route, bounds] of after) {
    const base = before.get(route);
    result.set(
      route,
      new Map([...bounds].map(([le, count]) => [le, count - (base?.get(le) ?? 0)])),
    );
  }
  return result;
}

/** Prometheus' histogram_quantile: linear interpolation inside the bucket that holds the rank. */
export function quantile(q: number, bounds: Map<number, number>): number {
  const sorted = [...bounds].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (!Number.isFinite(bound)) return previousBound;
      return (
        previousBound +
        ((bound - previousBound) * (rank - previousCount)) / Math.max(count - previousCount, 1)
      );
    }
    previousBound = bound;
    previousCount = count;
  }
  return previousBound;
}

export function gauge(text: string, metric: string): number {
  return Number(new RegExp(`^${metric} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
}

/** Responses by route and status class, from the histogram's _count series. */
export function countsByStatus(text: string): Map<string, { total: number; server: number }> {
  const counts = new Map<string, { total: number; server: number }>();
  for (const [, labels = "", value = "0"] of text.matchAll(
    /^http_request_duration_seconds_count\{([^}]*)\} (\S+)$/gm,
  )) {
    const route = /route="([^"]+)"/.exec(labels)?.[1] ?? "?";
    const status = /status_code="(\d+)"/.exec(labels)?.[1] ?? "0";
    const entry = counts.get(route) ?? { total: 0, server: 0 };
    entry.total += Number(value);
    if (status.startsWith("5")) entry.server += Number(value);
    counts.set(route, entry);
  }
  return counts;
}
