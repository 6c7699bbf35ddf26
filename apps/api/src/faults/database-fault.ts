import type { Database } from "../db/database.js";
import { DatabaseUnavailableError } from "../errors.js";
import type { FaultInjector } from "./fault-injector.js";

/**
 * The database as the app sees it during a demo outage: while the fault is on, every call fails
 * with the same error a real outage gives, so readiness, the API, metrics and alerts all react.
 */
export function withDatabaseFault(db: Database, faults: FaultInjector): Database {
  const check = () => {
    if (faults.isDatabaseCut())
      throw new DatabaseUnavailableError(new Error("injected database outage"));
  };
  return {
    engine: db.engine,
    async query(operation, text, values) {
      check();
      return db.query(operation, text, values);
    },
    async ping(timeoutMs) {
      check();
      await db.ping(timeoutMs);
    },
    withSession: (work) => db.withSession(work),
    stats: () => db.stats(),
    listen: (channel, handlers) => db.listen(channel, handlers),
    close: () => db.close(),
  };
}
