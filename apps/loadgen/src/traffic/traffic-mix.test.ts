import { describe, expect, it } from "vitest";
import { seededRandom as seeded } from "../seeded-random.js";
import type { TrafficOperation } from "./traffic.js";
import { pickOperation } from "./traffic-mix.js";

// A mix of its own, so the picking is tested whatever the application's traffic is.
const MIX: TrafficOperation[] = [
  { name: "read", weight: 70, writes: false, expects: "success" },
  { name: "write", weight: 20, writes: true, expects: "success" },
  { name: "missing", weight: 7, writes: false, expects: "client-error" },
  { name: "refused", weight: 3, writes: true, expects: "client-error" },
];

const draw = (canWrite: boolean, draws: number) => {
  const random = seeded(42);
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const name = pickOperation(MIX, random, canWrite);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
};

describe("traffic mix", () => {
  it("follows the weights", () => {
    const counts = draw(true, 20_000);
    for (const { name, weight } of MIX)
      expect((counts.get(name) ?? 0) / 20_000, name).toBeCloseTo(weight / 100, 1);
  });

  it("never writes without a token; the reads keep their relative weights", () => {
    const counts = draw(false, 20_000);
    expect([...counts.keys()].sort()).toEqual(["missing", "read"]);
    expect((counts.get("read") ?? 0) / 20_000).toBeCloseTo(70 / 77, 1);
  });

  it("refuses a mix this client cannot send anything from", () => {
    const writesOnly = MIX.filter((operation) => operation.writes);
    expect(() => pickOperation(writesOnly, Math.random, false)).toThrow(/no operation/);
  });
});
