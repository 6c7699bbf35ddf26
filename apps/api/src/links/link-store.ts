import type { Registry } from "prom-client";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import { ClickCounter, type ClickCounterOptions } from "./click-counter.js";
import { LinkCache, type LinkCacheOptions } from "./link-cache.js";
import { createLinkMetrics } from "./link-metrics.js";
import { createLinksRepository } from "./links-repository.js";

/** The channel the links table's trigger notifies (migrations/*_notify-link-changes.sql). */
export const LINK_CHANGES_CHANNEL = "link_changes";

export type LinkStoreOptions = LinkCacheOptions & ClickCounterOptions;

/**
 * The links as the routes see them: the repository, plus the redirect's fast path (a cache
 * kept correct across replicas by LISTEN/NOTIFY) and write-behind click counts.
 * `start()` after migrations; `close()` during shutdown, before the database closes.
 */
export function createLinkStore(
  db: Database,
  options: LinkStoreOptions,
  deps: { logger: Logger; registry: Registry },
) {
  const repository = createLinksRepository(db);
  const cache = new LinkCache(options);
  const metrics = createLinkMetrics(deps.registry, {
    cacheEntries: () => cache.size,
    pendingClicks: () => clicks.pendingClicks,
  });
  const clicks = new ClickCounter(options, {
    write: (counts) => repository.addClicks(counts),
    writeOne: (slug) => repository.addClicks(new Map([[slug, 1]])),
    logger: deps.logger,
    onFlush: (outcome) => {
      metrics.clickFlushes.inc({ outcome });
    },
  });
  let stopListening: (() => Promise<void>) | undefined;

  return {
    ...repository,

    /** The feature's series (links created, redirects...), for the routes to count. */
    metrics,

    /** The redirect target, from memory when the cache serves, else from the database. */
    async resolve(slug: string): Promise<string | undefined> {
      const cached = cache.lookup(slug);
      if (cached.hit) {
        metrics.cacheLookups.inc({ result: "hit" });
        return cached.url;
      }
      metrics.cacheLookups.inc({ result: cache.serving ? "miss" : "bypass" });
      const ticket = cache.ticket();
      const url = await repository.target(slug);
      cache.store(slug, url, ticket);
      return url;
    },

    /** Counts a click; the stored count catches up within `flushIntervalMs`. */
    recordClick: (slug: string) => clicks.record(slug),

    /** Writes pending clicks now, without waiting for the interval. */
    flushClicks: () => clicks.flush(),

    async start(): Promise<void> {
      stopListening = await db.listen(LINK_CHANGES_CHANNEL, {
        message: (slug) => {
          cache.invalidate(slug);
        },
        listening: (active) => {
          cache.setListening(active);
          deps.logger.debug({ active }, active ? "link cache serving" : "link cache bypassed");
        },
      });
      clicks.start();
    },

    /** Final flush of clicks (retried), then stops listening. Resolves with clicks lost. */
    async close(): Promise<number> {
      const lost = await clicks.close();
      await stopListening?.();
      stopListening = undefined;
      return lost;
    },
  };
}

export type LinkStore = ReturnType<typeof createLinkStore>;
