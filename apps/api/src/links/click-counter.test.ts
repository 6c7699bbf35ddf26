import { describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../test/support/test-database.js";
import { ClickCounter } from "./click-counter.js";

/** A database stand-in that adds up what it is given, and fails on demand. */
function fakeStore() {
  const stored = new Map<string, number>();
  const store = {
    stored,
    failNext: 0,
    writes: 0,
    write: vi.fn(async (counts: ReadonlyMap<string, number>) => {
      await Promise.resolve();
      store.writes += 1;
      if (store.failNext > 0) {
        store.failNext -= 1;
        throw new Error("connection terminated");
      }
      for (const [slug, n] of counts) stored.set(slug, (stored.get(slug) ?? 0) + n);
    }),
    writeOne: vi.fn(async (slug: string) => {
      await Promise.resolve();
      stored.set(slug, (stored.get(slug) ?? 0) + 1);
    }),
  };
  return store;
}

const counter = (store: ReturnType<typeof fakeStore>, maxPendingSlugs = 100) =>
  new ClickCounter(
    { flushIntervalMs: 1000, maxPendingSlugs },
    { write: store.write, writeOne: store.writeOne, logger: silentLogger },
  );

describe("ClickCounter", () => {
  it("adds clicks up in memory and writes them in one batch per flush", async () => {
    const store = fakeStore();
    const clicks = counter(store);
    for (let i = 0; i < 10; i++) await clicks.record("a");
    await clicks.record("b");
    expect(clicks.pendingClicks).toBe(11);
    expect(store.stored.size).toBe(0);
    await clicks.flush();
    expect(store.write).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(store.stored)).toEqual({ a: 10, b: 1 });
    expect(clicks.pendingClicks).toBe(0);
  });

  it("keeps the counts of a failed write, adds what came meanwhile, and writes all of it next time", async () => {
    const store = fakeStore();
    const clicks = counter(store);
    await clicks.record("a");
    await clicks.record("a");
    store.failNext = 1;
    const failing = clicks.flush();
    await clicks.record("a"); // arrives while the write is in flight
    await failing;
    expect(store.stored.size).toBe(0);
    expect(clicks.pendingClicks).toBe(3);
    await clicks.flush();
    expect(Object.fromEntries(store.stored)).toEqual({ a: 3 });
  });

  it("joins a flush already running instead of writing the same batch twice", async () => {
    const store = fakeStore();
    const clicks = counter(store);
    await clicks.record("a");
    await Promise.all([clicks.flush(), clicks.flush(), clicks.flush()]);
    expect(store.write).toHaveBeenCalledTimes(1);
    expect(store.stored.get("a")).toBe(1);
  });

  it("past the memory bound, writes a new slug's click at once and keeps counting known ones", async () => {
    const store = fakeStore();
    const clicks = counter(store, 2);
    await clicks.record("a");
    await clicks.record("b");
    await clicks.record("c"); // a third slug: over the bound
    await clicks.record("a");
    expect(clicks.pendingSlugs).toBe(2);
    expect(store.writeOne).toHaveBeenCalledWith("c");
    await clicks.flush();
    expect(Object.fromEntries(store.stored)).toEqual({ a: 2, b: 1, c: 1 });
  });

  it("on close, retries until the write goes through", async () => {
    const store = fakeStore();
    const clicks = counter(store);
    await clicks.record("a");
    store.failNext = 2;
    expect(await clicks.close(5, 1)).toBe(0);
    expect(store.writes).toBe(3);
    expect(store.stored.get("a")).toBe(1);
  });

  it("on close, reports the clicks it could not write when the database never answers", async () => {
    const store = fakeStore();
    const clicks = counter(store);
    await clicks.record("a");
    await clicks.record("b");
    store.failNext = 99;
    expect(await clicks.close(3, 1)).toBe(2);
    expect(store.writes).toBe(3);
  });
});
