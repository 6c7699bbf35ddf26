import { fileURLToPath } from "node:url";
import { runner } from "node-pg-migrate";
import type { ClientBase } from "pg";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { Database } from "./database.js";
import { createPostgresDatabase } from "./postgres.js";

// Same folder from src/db (tsx) and dist/db (built): apps/api/migrations.
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));
export const MIGRATIONS_TABLE = "pgmigrations";

/**
 * Applies pending migrations with node-pg-migrate. Its advisory lock in "wait" mode makes
 * replicas that start together queue up: the first applies, the others find nothing to do.
 */
export async function migrate(db: Database, logger: Logger): Promise<string[]> {
  const applied = await db.withSession((client) =>
    runner({
      // pg's PoolClient, or PGlite's session adapter which answers the same query() calls.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- PGlite's adapter answers the same query() calls
      dbClient: client as ClientBase,
      dir: MIGRATIONS_DIR,
      migrationsTable: MIGRATIONS_TABLE,
      direction: "up",
      advisoryLockMode: "wait",
      singleTransaction: true,
      checkOrder: true,
      logger: {
        debug: (msg: string) => {
          logger.debug(msg);
        },
        info: (msg: string) => {
          logger.debug(msg);
        },
        warn: (msg: string) => {
          logger.warn(msg);
        },
        error: (msg: string) => {
          logger.error(msg);
        },
      },
    }),
  );
  const names = applied.map((m) => m.name);
  logger.info({ applied: names }, names.length ? "migrations applied" : "schema up to date");
  return names;
}

/** Migrates with the owner role when DATABASE_MIGRATION_URL is set, else through `db` itself. */
export async function migrateAsOwner(
  config: Config["database"],
  db: Database,
  logger: Logger,
  metrics: Pick<Metrics, "dbQueryDuration">,
): Promise<string[]> {
  if (config.kind !== "postgres" || !config.migrationUrl) return migrate(db, logger);
  const owner = createPostgresDatabase(
    { ...config, url: config.migrationUrl, poolMax: 1 },
    logger,
    metrics,
  );
  try {
    return await migrate(owner, logger);
  } finally {
    await owner.close();
  }
}
