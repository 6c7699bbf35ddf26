// The benchmark's PostgreSQL: a scratch database with the two roles of scripts/db/create-roles.sql,
// so the full app runs as it does in production (application role, owner for migrations) even
// when BENCH_DATABASE_URL or TEST_DATABASE_URL names a superuser, as CI's does.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createRoles } from "../test/support/create-roles.js";

export interface BenchDatabase {
  /** The application role: what DATABASE_URL is in production. */
  appUrl: string;
  /** The owner role, for migrations (DATABASE_MIGRATION_URL). */
  ownerUrl: string;
  /** How the database was prepared, for the report. */
  note: string;
  drop(): Promise<void>;
}

async function asAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function prepareBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const superuser = await asAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ rolsuper: boolean }>(
      "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
    );
    return rows[0]?.rolsuper === true;
  });
  if (!superuser) {
    // Not ours to create roles: the URL is taken to be an application role already.
    return {
      appUrl: adminUrl,
      ownerUrl: adminUrl,
      note: "as given",
      drop: () => Promise.resolve(),
    };
  }
  const suffix = randomBytes(4).toString("hex");
  const names = {
    db: `shortlinks_bench_${suffix}`,
    owner: `shortlinks_bench_owner_${suffix}`,
    app: `shortlinks_bench_app_${suffix}`,
  };
  await asAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${names.db}`));
  const at = (role: string | undefined) => {
    const url = new URL(adminUrl);
    url.pathname = `/${names.db}`;
    if (role) {
      url.username = role;
      url.password = "";
    }
    return url.toString();
  };
  const drop = () =>
    asAdmin(adminUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${names.db} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${names.owner}, ${names.app}`);
    });
  try {
    // The same script an administrator runs on RDS; it needs psql for its variables.
    await createRoles(at(undefined), { owner: names.owner, app: names.app, database: names.db });
  } catch (error) {
    await drop();
    throw new Error(
      `preparing the benchmark's roles failed (needs psql, Debian postgresql-client): ${String(error)}`,
      { cause: error },
    );
  }
  // Roles made by the script have no password: the server must trust local connections, as the
  // machine's PostgreSQL does; elsewhere set BENCH_DATABASE_URL to an application role yourself.
  return {
    appUrl: at(names.app),
    ownerUrl: at(names.owner),
    note: `scratch database ${names.db}, application role ${names.app}`,
    drop,
  };
}
