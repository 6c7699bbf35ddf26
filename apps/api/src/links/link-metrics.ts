import { Counter, Gauge, type Registry } from "prom-client";

/**
 * The link feature's own series, registered on the app's registry: everything a metric name says
 * about the sample domain lives here, next to the feature (the core's series are in ../metrics.ts).
 */
export function createLinkMetrics(
  registry: Registry,
  read: { cacheEntries(): number; pendingClicks(): number },
) {
  const linksCreated = new Counter({
    name: "shortlinks_links_created_total",
    help: "Short links created.",
    registers: [registry],
  });
  const redirects = new Counter({
    name: "shortlinks_redirects_total",
    help: "Redirect lookups by result (found, not_found).",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: "shortlinks_link_cache_lookups_total",
    help: "Redirect target lookups by result: hit, miss (read from the database), or bypass (the cache is not serving).",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "shortlinks_link_cache_entries",
    help: "Slugs held in the redirect cache, unknown slugs included.",
    registers: [registry],
    collect() {
      this.set(read.cacheEntries());
    },
  });
  new Gauge({
    name: "shortlinks_clicks_pending",
    help: "Clicks counted in memory and not yet written to the database.",
    registers: [registry],
    collect() {
      this.set(read.pendingClicks());
    },
  });
  const clickFlushes = new Counter({
    name: "shortlinks_click_flushes_total",
    help: "Writes of the pending click counts by outcome (success, error: kept for the next one).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  for (const result of ["found", "not_found"]) redirects.inc({ result }, 0);
  for (const result of ["hit", "miss", "bypass"]) cacheLookups.inc({ result }, 0);
  for (const outcome of ["success", "error"]) clickFlushes.inc({ outcome }, 0);
  return { linksCreated, redirects, cacheLookups, clickFlushes };
}
