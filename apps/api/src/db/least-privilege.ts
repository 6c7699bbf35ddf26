import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Database } from "./database.js";

export class SuperuserRefusedError extends Error {
  constructor(role: string) {
    super(
      `DATABASE_URL connects as "${role}", a superuser: in production the API runs with the application role ` +
        "(DML only, see apps/api/scripts/db/create-roles.sql). Set DATABASE_ALLOW_SUPERUSER=true to accept it knowingly.",
    );
    this.name = "SuperuserRefusedError";
  }
}

/**
 * A superuser can drop every table and read every database: in production the API refuses to run
 * as one unless DATABASE_ALLOW_SUPERUSER=true. The embedded database of local development is exempt.
 */
export async function checkDatabaseRole(
  db: Database,
  config: Pick<Config, "env" | "database">,
  logger: Logger,
): Promise<void> {
  if (config.database.kind === "pglite") {
    logger.info("embedded PGlite database: single local user, the superuser check does not apply");
    return;
  }
  const { rows } = await db.query<{ role: string; superuser: boolean }>(
    "roles.current",
    "SELECT current_user AS role, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user",
  );
  const current = rows[0];
  if (!current?.superuser) return;
  if (config.env === "production" && !config.database.allowSuperuser)
    throw new SuperuserRefusedError(current.role);
  logger.warn(
    { role: current.role },
    "connected to the database as a superuser: use the application role in production",
  );
}
