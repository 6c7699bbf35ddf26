import { Gauge } from "prom-client";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { Database } from "./database.js";
import { createPgliteDatabase } from "./pglite.js";
import { createPostgresDatabase } from "./postgres.js";

/** Opens the configured database and exposes its pool as gauges. */
export async function openDatabase(
  config: Config["database"],
  logger: Logger,
  metrics: Metrics,
): Promise<Database> {
  const db =
    config.kind === "postgres"
      ? createPostgresDatabase(config, logger, metrics)
      : await createPgliteDatabase(config.dataDir, logger, metrics);

  new Gauge({
    name: "db_pool_connections",
    help: "Database pool connections by state (idle, active) and the pool's maximum (max).",
    labelNames: ["state"] as const,
    registers: [metrics.registry],
    collect() {
      const stats = db.stats();
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "active" }, stats.total - stats.idle);
      this.set({ state: "max" }, stats.max);
    },
  });
  new Gauge({
    name: "db_pool_waiting_requests",
    help: "Queries waiting for a free pool connection.",
    registers: [metrics.registry],
    collect() {
      this.set(db.stats().waiting);
    },
  });
  return db;
}
