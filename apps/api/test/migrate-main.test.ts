import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrateMain } from "./support/main-process.js";
import {
  createTestDatabase,
  MIGRATED_TABLES_SQL,
  type TestDatabase,
} from "./support/test-database.js";

let target: TestDatabase;
beforeAll(async () => {
  target = await createTestDatabase();
});
afterAll(() => target.dispose());

describe("the migration entry point (Kubernetes init container)", () => {
  it("applies the schema and exits 0", async (ctx) => {
    if (!target.url) {
      ctx.skip(
        "needs a PostgreSQL server (TEST_DATABASE_URL or Docker): PGlite in memory would vanish with the process",
      );
      return;
    }
    expect(await runMigrateMain({ DATABASE_URL: target.url })).toEqual({ code: 0, stderr: "" });
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(MIGRATED_TABLES_SQL);
    await client.end();
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it("exits 1 and says why when the database cannot be reached", async () => {
    const result = await runMigrateMain({
      DATABASE_URL: "postgres://nobody@127.0.0.1:9/none",
      DATABASE_CONNECT_TIMEOUT_MS: "500",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^migration failed: /);
  });
});
