import { describe, expect, it } from "vitest";
import { RateScheduler, type Clock } from "./rate-scheduler.js";

function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    setInterval: () => ({}),
    clearInterval: () => undefined,
    advance(ms) {
      now += ms;
    },
  };
}

describe("rate scheduler", () => {
  it("launches exactly rps x elapsed seconds, however late the ticks come", () => {
    const clock = fakeClock();
    let started = 0;
    const scheduler = new RateScheduler(
      { rps: 50, maxInFlight: 1000 },
      () => (started++, Promise.resolve()),
      clock,
    );
    scheduler.start();
    clock.advance(1000);
    scheduler.tick();
    expect(started).toBe(50);
    clock.advance(1000); // one late tick for a whole second
    scheduler.tick();
    expect(started).toBe(100);
    clock.advance(10);
    scheduler.tick();
    expect(started).toBe(100); // 0.5 of a request is not due yet
  });

  it("drops, and counts, what would exceed the in-flight cap", () => {
    const clock = fakeClock();
    const scheduler = new RateScheduler(
      { rps: 100, maxInFlight: 5 },
      () => new Promise<void>(() => undefined),
      clock,
    );
    scheduler.start();
    clock.advance(1000);
    scheduler.tick();
    expect(scheduler.inFlightCount).toBe(5);
    expect(scheduler.dropped).toBe(95);
  });

  it("stops at the request limit", () => {
    const clock = fakeClock();
    let started = 0;
    const scheduler = new RateScheduler(
      { rps: 100, maxInFlight: 1000, limit: 30 },
      () => (started++, Promise.resolve()),
      clock,
    );
    scheduler.start();
    clock.advance(5000);
    scheduler.tick();
    expect(started).toBe(30);
    expect(scheduler.limitReached()).toBe(true);
  });
});
