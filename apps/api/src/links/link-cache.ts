import { LRUCache } from "lru-cache";

export interface LinkCacheOptions {
  /** Most slugs held; the least recently used goes first. */
  maxEntries: number;
  /** Safety net only: invalidations arrive by notification, this bounds a missed one. */
  ttlMs: number;
}

/** What a lookup found: a target, or the knowledge that the slug does not exist. */
interface Entry {
  url: string | undefined;
}

export type CacheLookup = { hit: true; url: string | undefined } | { hit: false };

/**
 * slug -> target, bounded, with negative entries for unknown slugs. It serves only while the
 * database's change notifications are being received (`setListening(true)`): otherwise a change
 * made through another replica could go unseen, so every lookup misses and reads the database.
 */
export class LinkCache {
  private readonly entries: LRUCache<string, Entry>;
  private listening = false;
  // Bumped by every invalidation: a read that started before one must not store what it read.
  private epoch = 0;

  constructor(options: LinkCacheOptions) {
    this.entries = new LRUCache<string, Entry>({ max: options.maxEntries, ttl: options.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }

  get serving(): boolean {
    return this.listening;
  }

  lookup(slug: string): CacheLookup {
    if (!this.listening) return { hit: false };
    const entry = this.entries.get(slug);
    return entry ? { hit: true, url: entry.url } : { hit: false };
  }

  /** Call before reading the database; pass the result to `store`. */
  ticket(): number {
    return this.epoch;
  }

  /** Stores a read unless an invalidation arrived since its ticket was taken. */
  store(slug: string, url: string | undefined, ticket: number): void {
    if (this.listening && ticket === this.epoch) this.entries.set(slug, { url });
  }

  invalidate(slug: string): void {
    this.epoch += 1;
    this.entries.delete(slug);
  }

  /** The notification channel went up or down: either way, what is held may be stale. */
  setListening(active: boolean): void {
    this.epoch += 1;
    this.entries.clear();
    this.listening = active;
  }
}
