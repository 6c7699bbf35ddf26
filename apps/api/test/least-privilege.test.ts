import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SuperuserRefusedError } from "../src/db/least-privilege.js";
import { startService } from "../src/server.js";
import { createRoles } from "./support/create-roles.js";
import { needs } from "@fil-rouge/toolchain/skips";
import { PROBE_APPLICATION, PROBE_ROUTES } from "./support/probe-feature.js";
import { testConfig } from "./support/test-config.js";
import {
  adminUrl,
  createTestDatabase,
  silentLogger,
  type TestDatabase,
} from "./support/test-database.js";

// The two database roles of scripts/db/create-roles.sql: the owner migrates, the application
// role only reads and writes rows. Needs a PostgreSQL server where the test can create roles.
// The service runs around the harness's own application and the checks cover whatever tables
// the migrations made, so a fork keeps this test with its own schema.
const psql = needs("psql", "the least-privilege checks through psql");
const suffix = randomBytes(4).toString("hex");
const roles = { owner: `shortlinks_owner_${suffix}`, app: `shortlinks_app_${suffix}` };

let target: TestDatabase;
const as = (role: string) => {
  const url = new URL(target.url ?? "");
  url.username = role;
  url.password = "";
  return url.toString();
};

beforeAll(async () => {
  target = await createTestDatabase();
  if (!target.url || !psql) return;
  const database = new URL(target.url).pathname.slice(1);
  await createRoles(target.url, { ...roles, database });
});
afterAll(async () => {
  await target.dispose();
  if (!target.url || !psql) return;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${roles.owner}, ${roles.app}`);
  await admin.end();
});

async function asRole<T>(role: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: as(role) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("least privilege in the database", () => {
  it("migrates as the owner, serves as the application role, which cannot drop or alter a table", async (ctx) => {
    if (!target.url || !psql)
      return ctx.skip("needs a PostgreSQL server where roles can be created, and psql");
    const service = await startService(
      testConfig({
        NODE_ENV: "production",
        LOG_FORMAT: "json",
        DATABASE_URL: as(roles.app),
        DATABASE_MIGRATION_URL: as(roles.owner),
      }),
      silentLogger,
      { application: PROBE_APPLICATION },
    );
    try {
      // A read that queries the database, as the application role.
      expect((await fetch(`${service.url}${PROBE_ROUTES.list}`)).status).toBe(200);
    } finally {
      await service.shutdown("test");
    }
    const tables = await asRole(roles.owner, async (c) =>
      (
        await c.query<{ name: string }>(
          "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'pgmigrations'",
        )
      ).rows.map((row) => row.name),
    );
    expect(tables.length).toBeGreaterThan(0);
    const denied = async (sql: string) =>
      asRole(roles.app, (c) =>
        c.query(sql).then(
          () => "allowed",
          (e: unknown) => (e as { code?: string }).code,
        ),
      );
    for (const table of tables) {
      const rows = await asRole(roles.app, (c) =>
        // One privilege at a time: with a list, has_table_privilege is true if any is held.
        c.query<{ dml: boolean }>(
          "SELECT bool_and(has_table_privilege(current_user, $1, p)) AS dml FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p",
          [table],
        ),
      );
      expect(rows.rows[0]?.dml, table).toBe(true);
      expect(await denied(`SELECT count(*) FROM ${table}`)).toBe("allowed");
      expect(await denied(`DROP TABLE ${table}`)).toBe("42501");
      expect(await denied(`ALTER TABLE ${table} ADD COLUMN intruder text`)).toBe("42501");
      expect(await denied(`TRUNCATE ${table}`)).toBe("42501");
    }
    expect(await denied("CREATE TABLE intruder (x int)")).toBe("42501");
  });

  it("refuses to start in production as a superuser, unless DATABASE_ALLOW_SUPERUSER=true", async (ctx) => {
    if (!target.url) return ctx.skip("needs a PostgreSQL server (TEST_DATABASE_URL or Docker)");
    const production = { NODE_ENV: "production", LOG_FORMAT: "json", DATABASE_URL: target.url };
    const overrides = { application: PROBE_APPLICATION };
    await expect(
      startService(testConfig(production), silentLogger, overrides),
    ).rejects.toBeInstanceOf(SuperuserRefusedError);
    const allowed = await startService(
      testConfig({ ...production, DATABASE_ALLOW_SUPERUSER: "true" }),
      silentLogger,
      overrides,
    );
    await allowed.shutdown("test");
  });
});
