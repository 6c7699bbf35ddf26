import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { migrate, MIGRATIONS_DIR } from "../src/db/migrate.js";
import {
  createTestDatabase,
  MIGRATED_TABLES_SQL,
  silentLogger,
  type TestDatabase,
} from "./support/test-database.js";

const migrationFiles = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql"));
let target: TestDatabase;
beforeAll(async () => {
  target = await createTestDatabase();
});
afterAll(() => target.dispose());

describe("migrations", () => {
  it("apply concurrently from several replicas exactly once, and a second run is a no-op", async () => {
    // Several pools on one PostgreSQL database behave like replicas starting together;
    // PGlite has one connection, so its "replicas" share it and queue.
    const replicas =
      target.engine === "postgres"
        ? await Promise.all([1, 2, 3].map(() => target.open()))
        : [await target.open()];
    const runs = await Promise.all(
      [0, 1, 2].map((i) => migrate(replicas[i % replicas.length]!, silentLogger)),
    );
    expect(runs.flat().sort()).toEqual(migrationFiles.map((f) => f.replace(/\.sql$/, "")).sort());

    const again = await migrate(replicas[0]!, silentLogger);
    expect(again).toEqual([]);

    const db = replicas[0]!;
    const recorded = await db.query<{ n: number }>(
      "test.count",
      "SELECT count(*)::int AS n FROM pgmigrations",
    );
    expect(recorded.rows[0]?.n).toBe(migrationFiles.length);
    const tables = await db.query<{ n: number }>("test.tables", MIGRATED_TABLES_SQL);
    expect(tables.rows[0]?.n).toBeGreaterThan(0);
  });
});
