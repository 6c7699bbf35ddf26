import type { Logger } from "../logger.js";

/**
 * A fault that reverts by itself: set it for some seconds, clear it early, and every change is
 * logged and reported to `onChange` (which publishes the demo_fault_active gauge).
 */
export class ExpiringState<T extends object> {
  private value: (T & { expiresAt: Date }) | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    private readonly onChange: () => void,
  ) {}

  get current(): (T & { expiresAt: Date }) | null {
    return this.value;
  }

  set(data: T, durationSeconds: number): void {
    clearTimeout(this.timer);
    this.value = { ...data, expiresAt: new Date(Date.now() + durationSeconds * 1000) };
    this.timer = setTimeout(() => {
      this.clear("expired");
    }, durationSeconds * 1000);
    this.timer.unref();
    this.onChange();
    this.logger.warn({ [this.name]: this.value }, `${this.name} injected`);
  }

  clear(reason: string): void {
    clearTimeout(this.timer);
    if (this.value) this.logger.info({ reason }, `${this.name} cleared`);
    this.value = null;
    this.onChange();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
