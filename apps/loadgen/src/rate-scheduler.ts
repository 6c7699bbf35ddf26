export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): { unref?(): void };
  clearInterval(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => {
    clearInterval(handle as NodeJS.Timeout);
  },
};

/**
 * Launches `rps` tasks per second at a steady pace, catching up from the elapsed time (not by
 * counting ticks), so a late timer never lowers the rate. Tasks over `maxInFlight` are dropped and
 * counted: a slow API must not make the generator pile up unbounded requests.
 */
export class RateScheduler {
  private started = 0;
  private launched = 0;
  private inFlight = 0;
  dropped = 0;
  private handle: unknown;

  constructor(
    private readonly options: { rps: number; maxInFlight: number; limit?: number | undefined },
    private readonly task: () => Promise<void>,
    private readonly clock: Clock = systemClock,
  ) {}

  start(): void {
    this.started = this.clock.now();
    const handle = this.clock.setInterval(() => {
      this.tick();
    }, 10);
    this.handle = handle;
  }

  tick(): void {
    const due = Math.floor(((this.clock.now() - this.started) * this.options.rps) / 1000);
    while (this.launched < due && !this.limitReached()) {
      this.launched += 1;
      if (this.inFlight >= this.options.maxInFlight) {
        this.dropped += 1;
        continue;
      }
      this.inFlight += 1;
      void this.task().finally(() => {
        this.inFlight -= 1;
      });
    }
  }

  limitReached(): boolean {
    return this.options.limit !== undefined && this.launched >= this.options.limit;
  }

  get launchedCount(): number {
    return this.launched;
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  stop(): void {
    this.clock.clearInterval(this.handle);
  }
}
