import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SuperuserRefusedError } from "../src/db/least-privilege.js";
import { startService } from "../src/server.js";
import { createRoles } from "./support/create-roles.js";
import { needs } from "@fil-rouge/toolchain/skips";
import { testConfig } from "./support/test-config.js";
import {
  adminUrl,
  createTestDatabase,
  silentLogger,
  type TestDatabase,
} from "./support/test-database.js";

// The two database roles of scripts/db/create-roles.sql: the owner migrates, the application
// role only reads and writes rows. Needs a PostgreSQL server where the test can create roles.
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

async function asApp<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: as(roles.app) });
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
    );
    try {
      const created = await fetch(`${service.url}/api/links`, {
        method: "POST",
        headers: {
          authorization: "Bearer test-token-0123456789abcdef",
          "content-type": "application/json",
        },
        body: JSON.stringify({ url: "https://example.org/least", slug: "least" }),
      });
      expect(created.status).toBe(201);
    } finally {
      await service.shutdown("test");
    }
    const denied = async (sql: string) =>
      asApp((c) =>
        c.query(sql).then(
          () => "allowed",
          (e: unknown) => (e as { code?: string }).code,
        ),
      );
    expect(await denied("SELECT count(*) FROM links")).toBe("allowed");
    expect(await denied("DROP TABLE links")).toBe("42501");
    expect(await denied("ALTER TABLE links ADD COLUMN note text")).toBe("42501");
    expect(await denied("TRUNCATE links")).toBe("42501");
    expect(await denied("CREATE TABLE intruder (x int)")).toBe("42501");
  });

  it("refuses to start in production as a superuser, unless DATABASE_ALLOW_SUPERUSER=true", async (ctx) => {
    if (!target.url) return ctx.skip("needs a PostgreSQL server (TEST_DATABASE_URL or Docker)");
    const production = { NODE_ENV: "production", LOG_FORMAT: "json", DATABASE_URL: target.url };
    await expect(startService(testConfig(production), silentLogger)).rejects.toBeInstanceOf(
      SuperuserRefusedError,
    );
    const allowed = await startService(
      testConfig({ ...production, DATABASE_ALLOW_SUPERUSER: "true" }),
      silentLogger,
    );
    await allowed.shutdown("test");
  });
});
