/** Outcome counters and latencies since the last status line. */
export class TrafficStats {
  private latencies: number[] = [];
  private windowStart: number;
  readonly totals = { ok: 0, clientErrors: 0, serverErrors: 0, networkErrors: 0 };
  readonly byOperation = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {
    this.windowStart = now();
  }

  record(operation: string, status: number | "network-error", latencyMs: number): void {
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
    if (status === "network-error") this.totals.networkErrors += 1;
    else if (status >= 500) this.totals.serverErrors += 1;
    else if (status >= 400) this.totals.clientErrors += 1;
    else this.totals.ok += 1;
    this.latencies.push(latencyMs);
  }

  /** One line for the terminal, then a fresh window. */
  statusLine(inFlight: number, dropped: number): string {
    const elapsed = (this.now() - this.windowStart) / 1000;
    const sorted = this.latencies.sort((a, b) => a - b);
    const quantile = (q: number) =>
      sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) : 0;
    const line =
      `rps=${(sorted.length / Math.max(elapsed, 0.001)).toFixed(1)} ok=${this.totals.ok} 4xx=${this.totals.clientErrors}` +
      ` 5xx=${this.totals.serverErrors} neterr=${this.totals.networkErrors}` +
      ` p50=${quantile(0.5).toFixed(0)}ms p99=${quantile(0.99).toFixed(0)}ms inflight=${inFlight} dropped=${dropped}`;
    this.latencies = [];
    this.windowStart = this.now();
    return line;
  }
}
