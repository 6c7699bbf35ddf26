import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logger.js";

export interface ClickCounterOptions {
  /** How often pending clicks are written; also how far a stored count may lag. */
  flushIntervalMs: number;
  /** Most distinct slugs held in memory; past it a click is written at once instead. */
  maxPendingSlugs: number;
}

export interface ClickCounterDeps {
  /** Writes every count of the batch in one statement, or throws and writes none. */
  write(counts: ReadonlyMap<string, number>): Promise<void>;
  /** The fallback past the memory bound: one click written now. */
  writeOne(slug: string): Promise<void>;
  logger: Logger;
  onFlush?(outcome: "success" | "error"): void;
}

/**
 * Write-behind click counts: a redirect adds 1 in memory, and one statement per interval adds
 * them all up in the database. A failed write keeps its counts for the next one; the final
 * flush runs during the graceful shutdown, before the pool closes.
 */
export class ClickCounter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly options: ClickCounterOptions,
    private readonly deps: ClickCounterDeps,
  ) {}

  /** Clicks counted here and not yet in the database. */
  get pendingClicks(): number {
    let total = 0;
    for (const count of this.pending.values()) total += count;
    return total;
  }

  get pendingSlugs(): number {
    return this.pending.size;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      void this.flush();
    }, this.options.flushIntervalMs);
    // The interval must not keep a process alive on its own: shutdown flushes explicitly.
    this.timer.unref();
  }

  /** Counts one click; resolves at once unless the memory bound makes it write directly. */
  async record(slug: string): Promise<void> {
    const current = this.pending.get(slug);
    if (current !== undefined) {
      this.pending.set(slug, current + 1);
      return;
    }
    if (this.pending.size < this.options.maxPendingSlugs) {
      this.pending.set(slug, 1);
      return;
    }
    await this.deps.writeOne(slug);
  }

  /** Writes what is pending; a flush already running is joined, never doubled. */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /**
   * Stops the interval and writes what is left, retrying a failed write. Resolves with the
   * clicks that could not be written (0 unless the database stayed away for every attempt).
   */
  async close(attempts = 5, retryMs = 200): Promise<number> {
    clearInterval(this.timer);
    this.timer = undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.flush();
      if (this.pending.size === 0) return 0;
      if (attempt < attempts) await sleep(retryMs);
    }
    const lost = this.pendingClicks;
    this.deps.logger.error(
      { clicks: lost, slugs: this.pending.size },
      "click counts could not be written before exit",
    );
    return lost;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.deps.write(batch);
      this.deps.onFlush?.("success");
    } catch (error) {
      // Put the batch back, added to what arrived meanwhile: the next flush retries it all.
      for (const [slug, count] of batch) {
        this.pending.set(slug, (this.pending.get(slug) ?? 0) + count);
      }
      this.deps.onFlush?.("error");
      this.deps.logger.warn(
        { err: error, slugs: batch.size },
        "writing click counts failed; retrying at the next flush",
      );
    }
  }
}
