import { z } from "zod";

/**
 * The sample application's own settings, read from the same environment as the service's and
 * validated in the same pass (../config.ts, through ../feature.ts): a bad value is reported with
 * the others, in one ConfigError.
 */
export const linksSettings = z
  .object({
    LINK_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
    LINK_CACHE_TTL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    // A stored click count lags by at most this interval: the API docs promise one second.
    CLICK_FLUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(1000).default(1000),
    CLICK_MAX_PENDING_SLUGS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  })
  .transform((env) => ({
    maxEntries: env.LINK_CACHE_MAX_ENTRIES,
    ttlMs: env.LINK_CACHE_TTL_MS,
    flushIntervalMs: env.CLICK_FLUSH_INTERVAL_MS,
    maxPendingSlugs: env.CLICK_MAX_PENDING_SLUGS,
  }));

/** The message the home page shows when UI_MESSAGE is not set. */
export const DEFAULT_HOME_MESSAGE = "Shorten a link, follow it, watch the metrics move.";
