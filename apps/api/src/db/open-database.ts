import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { Database } from "./database.js";
import { createPgliteDatabase } from "./pglite.js";
import { createPostgresDatabase } from "./postgres.js";

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite. */
export async function openDatabase(
  config: Config["database"],
  logger: Logger,
  metrics: Pick<Metrics, "dbQueryDuration">,
): Promise<Database> {
  return config.kind === "postgres"
    ? createPostgresDatabase(config, logger, metrics)
    : createPgliteDatabase(config.dataDir, logger, metrics);
}
