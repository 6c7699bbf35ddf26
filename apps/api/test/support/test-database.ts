import { inject } from "vitest";
import { createScratchDatabase } from "./scratch-database.js";
import type { Database } from "../../src/db/database.js";
import { createPgliteDatabase } from "../../src/db/pglite.js";
import { createPostgresDatabase } from "../../src/db/postgres.js";
import { createLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";

export const silentLogger = createLogger({
  log: { level: "silent", format: "json" },
  build: { version: "test", commit: "test", buildDate: "test" },
});

/** A database for one test file: a fresh PostgreSQL database (dropped after), or a PGlite. */
export interface TestDatabase {
  engine: "postgres" | "pglite";
  /** postgres only: URL of the fresh database, for tests that need their own pools. */
  url: string | undefined;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export const adminUrl = () => inject("testDatabaseAdminUrl") || undefined;

export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = adminUrl();
  const opened: Database[] = [];
  const track = (db: Database) => {
    opened.push(db);
    return db;
  };
  if (!admin) {
    return {
      engine: "pglite",
      url: undefined,
      open: async () =>
        track(
          await createPgliteDatabase(
            undefined,
            silentLogger,
            createMetrics({ version: "t", commit: "t", buildDate: "t" }),
          ),
        ),
      dispose: async () => {
        await Promise.all(opened.map((db) => db.close()));
      },
    };
  }
  const scratch = await createScratchDatabase(admin, "shortlinks_test");
  const url = new URL(scratch.url);
  return {
    engine: "postgres",
    url: url.toString(),
    open: () =>
      Promise.resolve(
        track(
          createPostgresDatabase(
            { url: url.toString(), poolMax: 5, connectTimeoutMs: 2000, queryTimeoutMs: 5000 },
            silentLogger,
            createMetrics({ version: "t", commit: "t", buildDate: "t" }),
          ),
        ),
      ),
    async dispose() {
      await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
      await scratch.drop();
    },
  };
}

/**
 * How many tables the migrations made, whatever the application (its own table names belong to
 * its own tests): every public table but node-pg-migrate's record.
 */
export const MIGRATED_TABLES_SQL =
  "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'pgmigrations'";
