import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Registry } from "prom-client";
import type { Database } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import { createLinkStore, type LinkStore } from "../src/links/link-store.js";
import { createMetrics } from "../src/metrics.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "./support/test-database.js";

// Two replicas of the API: two link stores, each on its own database handle (two pools on
// PostgreSQL; on PGlite, two stores on the one in-process database). The TTL is an hour, so
// only the change notification can explain a replica seeing a change.
const OPTIONS = { maxEntries: 100, ttlMs: 3_600_000, flushIntervalMs: 1000, maxPendingSlugs: 100 };
const STATED_DELAY_MS = 2000; // docs: a change reaches every replica within this

let target: TestDatabase;
let dbA: Database;
let dbB: Database;
let a: LinkStore;
let b: LinkStore;

let registryB: Registry;
const store = (db: Database) => {
  const { registry } = createMetrics({ version: "t", commit: "t", buildDate: "t" });
  registryB = registry;
  return createLinkStore(db, OPTIONS, { logger: silentLogger, registry });
};
/** Replica b's cache hits so far, from its own metrics. */
const hitsOnB = async () =>
  (await registryB.getSingleMetric("shortlinks_link_cache_lookups_total")?.get())?.values.find(
    (v) => v.labels.result === "hit",
  )?.value ?? 0;

/** Polls until `check` holds or the stated delay passes; resolves with the last value seen. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + STATED_DELAY_MS;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

/**
 * Resolves `slug` on b until one lookup is a cache hit (the insert's own notification may reach b
 * after its first read and drop the entry once), and fails if none is.
 */
async function servedFromMemoryOnB(slug: string): Promise<void> {
  const before = await hitsOnB();
  const after = await eventually(
    async () => {
      await b.resolve(slug);
      return hitsOnB();
    },
    (hits) => hits > before,
  );
  expect(after).toBeGreaterThan(before);
}

beforeAll(async () => {
  target = await createTestDatabase();
  dbA = await target.open();
  await migrate(dbA, silentLogger);
  dbB = target.engine === "postgres" ? await target.open() : dbA;
  a = store(dbA);
  b = store(dbB);
  await a.start();
  await b.start();
});
afterAll(async () => {
  await a.close();
  await b.close();
  await target.dispose();
});

describe("the redirect cache across replicas", () => {
  it("a link deleted through one replica stops redirecting on the other within the stated time", async () => {
    await a.insert("replicated", "https://example.org/r");
    expect(await b.resolve("replicated")).toBe("https://example.org/r");
    await servedFromMemoryOnB("replicated");
    expect(await a.remove("replicated")).toBe(true);
    expect(
      await eventually(
        () => b.resolve("replicated"),
        (url) => url === undefined,
      ),
    ).toBe(undefined);
  });

  it("a slug remembered as unknown starts redirecting once another replica creates it", async () => {
    expect(await b.resolve("late-comer")).toBeUndefined(); // negative entry on b
    await a.insert("late-comer", "https://example.org/late");
    expect(
      await eventually(
        () => b.resolve("late-comer"),
        (url) => url !== undefined,
      ),
    ).toBe("https://example.org/late");
  });

  it("a change made outside the API (an operator's SQL) reaches the cache too", async () => {
    await a.insert("by-hand", "https://example.org/before");
    expect(await b.resolve("by-hand")).toBe("https://example.org/before");
    await dbA.query("test.update", "UPDATE links SET url = $2 WHERE slug = $1", [
      "by-hand",
      "https://example.org/after",
    ]);
    expect(
      await eventually(
        () => b.resolve("by-hand"),
        (url) => url === "https://example.org/after",
      ),
    ).toBe("https://example.org/after");
  });

  it("clicks counted on both replicas add up in the database", async () => {
    await a.insert("both", "https://example.org/both");
    for (let i = 0; i < 30; i++) await a.recordClick("both");
    for (let i = 0; i < 12; i++) await b.recordClick("both");
    await Promise.all([a.flushClicks(), b.flushClicks()]);
    expect((await a.find("both"))?.clicks).toBe(42);
  });
});

describe("when the listening connection drops (PostgreSQL)", () => {
  it("bypasses the cache until it has reconnected, then serves from memory again", async (ctx) => {
    if (target.engine !== "postgres") {
      ctx.skip(); // PGlite runs in this process: its one connection cannot drop
      return;
    }
    await a.insert("resilient", "https://example.org/one");
    expect(await b.resolve("resilient")).toBe("https://example.org/one");
    // Cut every listener session: notifications sent now would be lost.
    await dbA.query(
      "test.kill_listeners",
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'shortlinks-api-listener' AND datname = current_database()",
    );
    await dbA.query("test.update", "UPDATE links SET url = $2 WHERE slug = $1", [
      "resilient",
      "https://example.org/two",
    ]);
    // Whatever the listener's state, b must never answer the old target again.
    expect(
      await eventually(
        () => b.resolve("resilient"),
        (url) => url === "https://example.org/two",
      ),
    ).toBe("https://example.org/two");
    // Reconnected: the listener sessions are back, and a lookup is a hit again.
    const listenerBack = await eventually(
      async () =>
        (
          await dbA.query<{ n: number }>(
            "test.listeners",
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'shortlinks-api-listener' AND datname = current_database()",
          )
        ).rows[0]?.n ?? 0,
      (n) => n >= 2,
    );
    expect(listenerBack).toBeGreaterThanOrEqual(2);
    await servedFromMemoryOnB("resilient");
  });
});
