import pg from "pg";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { classifyDatabaseError, withTimeout, type Database, type QueryResult } from "./database.js";
import { listenOnPostgres } from "./postgres-listener.js";

export interface PostgresOptions {
  url: string;
  poolMax: number;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

export function createPostgresDatabase(
  options: PostgresOptions,
  logger: Logger,
  metrics: Pick<Metrics, "dbQueryDuration">,
): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // Client-side timeout (query_timeout) catches a server that stopped answering;
    // statement_timeout makes the server itself cancel a runaway query.
    query_timeout: options.queryTimeoutMs,
    statement_timeout: options.queryTimeoutMs,
    idleTimeoutMillis: 10_000,
    application_name: "shortlinks-api",
  });
  // An idle client whose connection dies emits 'error' on the pool; unhandled, it kills the process.
  pool.on("error", (error) => {
    logger.warn({ err: error }, "idle database connection lost; the pool will reconnect");
  });

  return {
    engine: "postgres",
    async query<Row>(
      operation: string,
      text: string,
      values?: unknown[],
    ): Promise<QueryResult<Row>> {
      const end = metrics.dbQueryDuration.startTimer({ operation });
      try {
        const result = await pool.query(text, values);
        end({ outcome: "success" });
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
      } catch (error) {
        end({ outcome: "error" });
        throw classifyDatabaseError(error);
      }
    },
    async ping(timeoutMs) {
      try {
        await withTimeout(pool.query("SELECT 1"), timeoutMs, "database ping");
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
    async withSession(work) {
      const client = await pool.connect().catch((error: unknown) => {
        throw classifyDatabaseError(error);
      });
      try {
        return await work(client);
      } finally {
        client.release();
      }
    },
    stats: () => ({
      max: options.poolMax,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    listen: (channel, handlers) => listenOnPostgres(options, channel, handlers, logger),
    close: () => pool.end(),
  };
}
