import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { quantileFromBuckets, TrafficWindow } from "./traffic-window.js";

function setup() {
  const histogram = new Histogram({
    name: "http_request_duration_seconds",
    help: "test",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.1, 0.3, 1],
    registers: [new Registry()],
  });
  const clock = { now: 0 };
  const window = new TrafficWindow(
    histogram,
    (route) => route !== "/metrics",
    30_000,
    () => clock.now,
  );
  const observe = (route: string, status: string, seconds: number, times = 1) => {
    for (let i = 0; i < times; i++)
      histogram.observe({ method: "GET", route, status_code: status }, seconds);
  };
  return { window, clock, observe };
}

describe("quantileFromBuckets", () => {
  it("interpolates inside the bucket that holds the rank, like histogram_quantile", () => {
    // 100 requests: 50 under 0.1 s, 40 more under 0.3 s, 10 more under 1 s.
    const buckets = new Map([
      [0.1, 50],
      [0.3, 90],
      [1, 100],
      [Infinity, 100],
    ]);
    expect(quantileFromBuckets(0.5, buckets)).toBeCloseTo(0.1);
    expect(quantileFromBuckets(0.99, buckets)).toBeCloseTo(0.3 + 0.7 * 0.9);
  });

  it("answers the highest finite bound when the rank is in +Inf, and null with no requests", () => {
    expect(
      quantileFromBuckets(
        0.99,
        new Map([
          [1, 0],
          [Infinity, 10],
        ]),
      ),
    ).toBe(1);
    expect(
      quantileFromBuckets(
        0.99,
        new Map([
          [1, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeNull();
  });
});

describe("TrafficWindow", () => {
  it("has nothing to say on its first read: a rate needs two samples", async () => {
    const { window, observe } = setup();
    observe("/api/items/:id", "200", 0.05, 10);
    expect(await window.read()).toBeNull();
  });

  it("gives the rate, 5xx ratio and p99 of the counted routes since the previous sample", async () => {
    const { window, clock, observe } = setup();
    observe("/api/items/:id", "200", 0.05, 1000); // before the baseline: never counted
    await window.read();
    clock.now = 10_000;
    observe("/api/items/:id", "200", 0.05, 80);
    observe("/api/items/:id", "500", 0.5, 20);
    observe("/metrics", "500", 2, 500); // not traffic
    expect(await window.read()).toEqual({
      windowSeconds: 10,
      requestsPerSecond: 10,
      errorRatio: 0.2,
      p99Seconds: expect.closeTo(0.3 + 0.7 * 0.95, 5) as number,
    });
  });

  it("slides: a sample older than the window stops counting once a newer baseline exists", async () => {
    const { window, clock, observe } = setup();
    await window.read(); // t=0
    clock.now = 20_000;
    observe("/api/items/:id", "500", 0.05, 100);
    await window.read(); // t=20 s: 100 errors since t=0
    clock.now = 40_000;
    observe("/api/items/:id", "200", 0.05, 100);
    await window.read(); // t=40 s: baseline still t=0 would mix both
    clock.now = 55_000;
    observe("/api/items/:id", "200", 0.05, 30);
    // Window 30 s: baseline is the t=20 s sample, so the errors before it are gone.
    expect(await window.read()).toMatchObject({ windowSeconds: 35, errorRatio: 0 });
  });

  it("forgets a baseline older than twice the window: a quiet hour is not averaged in", async () => {
    const { window, clock, observe } = setup();
    await window.read();
    clock.now = 3_600_000;
    observe("/api/items/:id", "200", 0.05, 10);
    expect(await window.read()).toBeNull();
  });
});
