import { describe, expect, it } from "vitest";
import { seededRandom as seeded } from "./seeded-random.js";
import { pickOperation, TRAFFIC_MIX } from "./traffic-mix.js";

describe("traffic mix", () => {
  it("follows the weights: mostly redirects, some creations and listings, a few 404s and bad inputs", () => {
    const random = seeded(42);
    const counts = new Map<string, number>();
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const op = pickOperation(random, true);
      counts.set(op, (counts.get(op) ?? 0) + 1);
    }
    for (const { operation, weight } of TRAFFIC_MIX) {
      expect((counts.get(operation) ?? 0) / draws, operation).toBeCloseTo(weight / 100, 1);
    }
  });

  it("never writes without a token", () => {
    const random = seeded(7);
    for (let i = 0; i < 5000; i++)
      expect(["create", "bad-input"]).not.toContain(pickOperation(random, false));
  });
});
