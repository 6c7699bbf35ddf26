import { PGlite } from "@electric-sql/pglite";
import { Mutex } from "async-mutex";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import {
  classifyDatabaseError,
  withTimeout,
  type Database,
  type QueryResult,
  type SessionClient,
} from "./database.js";

/**
 * PostgreSQL compiled to WebAssembly, in this process: the default when DATABASE_URL is unset,
 * so `npm run demo` and `npm test` need no server. In memory, or persisted in `dataDir`.
 */
export async function createPgliteDatabase(
  dataDir: string | undefined,
  logger: Logger,
  metrics: Pick<Metrics, "dbQueryDuration">,
): Promise<Database> {
  const db = new PGlite(dataDir);
  await db.waitReady;
  logger.info({ dataDir: dataDir ?? "(memory)" }, "embedded PGlite database ready");
  let inFlight = 0;
  // One connection for everything: a session (a migration with its transaction and advisory
  // lock, which PGlite grants to every caller since they share that connection) must run alone,
  // so sessions and queries take turns through this lock.
  const exclusive = new Mutex();

  const session: SessionClient = {
    // Parameterless text may hold several statements (migration files): PGlite runs those
    // through exec(), which uses the simple query protocol like pg does.
    async query(text, values) {
      if (values && values.length > 0) return db.query(text, values);
      const results = await db.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };

  return {
    engine: "pglite",
    async query<Row>(
      operation: string,
      text: string,
      values?: unknown[],
    ): Promise<QueryResult<Row>> {
      const end = metrics.dbQueryDuration.startTimer({ operation });
      inFlight += 1;
      try {
        const result = await exclusive.runExclusive(() => db.query<Row>(text, values));
        end({ outcome: "success" });
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      } catch (error) {
        end({ outcome: "error" });
        throw classifyDatabaseError(error);
      } finally {
        inFlight -= 1;
      }
    },
    async ping(timeoutMs) {
      try {
        await withTimeout(
          exclusive.runExclusive(() => db.query("SELECT 1")),
          timeoutMs,
          "database ping",
        );
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
    withSession: (work) => exclusive.runExclusive(() => work(session)),
    // One in-process connection: "idle" unless a query runs.
    stats: () => ({
      max: 1,
      total: 1,
      idle: inFlight > 0 ? 0 : 1,
      waiting: Math.max(0, inFlight - 1),
    }),
    // One in-process connection that cannot drop: listening from the start, until stopped.
    async listen(channel, handlers) {
      const stop = await exclusive.runExclusive(() =>
        db.listen(channel, (payload) => {
          handlers.message(payload);
        }),
      );
      handlers.listening(true);
      return async () => {
        handlers.listening(false);
        if (!db.closed) await exclusive.runExclusive(() => stop());
      };
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
