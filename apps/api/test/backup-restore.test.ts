import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../src/db/migrate.js";
import { needs } from "@fil-rouge/toolchain/skips";
import { onPath } from "./support/on-path.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "./support/test-database.js";

// The backup and restore drill: seed, back up with scripts/db/backup.sh, restore into a fresh
// database with restore.sh, and compare. Needs a PostgreSQL server and its client tools. The
// rows are the drill's own (a table beside the application's) and the comparison covers every
// table, so a fork keeps this test whatever its schema.
const run = promisify(execFile);
const SCRIPTS = fileURLToPath(new URL("../scripts/db/", import.meta.url));
const tools =
  needs("pg_dump", "the backup and restore drill") &&
  needs("psql", "the backup and restore drill") &&
  ["pg_restore", "sha256sum"].every(onPath);

let source: TestDatabase;
let target: TestDatabase;
beforeAll(async () => {
  source = await createTestDatabase();
  target = await createTestDatabase();
});
afterAll(async () => {
  await source.dispose();
  await target.dispose();
});

// Every table's row count and a checksum of its rows' content, in a stable order.
async function fingerprint(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const prints: Record<string, { rows: number; digest: string }> = {};
    for (const { name } of tables.rows) {
      const { rows } = await client.query<{ rows: number; digest: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest FROM ${name} t`,
      );
      const print = rows[0];
      if (!print) throw new Error(`no fingerprint for ${name}`);
      prints[name] = print;
    }
    return prints;
  } finally {
    await client.end();
  }
}

describe("backup and restore drill", () => {
  it("restores an identical copy: every table, same rows, same content checksum", async (ctx) => {
    if (!source.url || !target.url || !tools) {
      ctx.skip(
        "needs a PostgreSQL server (TEST_DATABASE_URL or Docker) and pg_dump, pg_restore, psql (Debian postgresql-client)",
      );
      return;
    }
    const db = await source.open();
    await migrate(db, silentLogger);
    await db.query(
      "test.drill",
      "CREATE TABLE drill_rows (id serial PRIMARY KEY, body text NOT NULL, n int NOT NULL, at timestamptz NOT NULL DEFAULT now())",
    );
    for (let i = 0; i < 50; i++)
      await db.query("test.drill", "INSERT INTO drill_rows (body, n) VALUES ($1, $2)", [
        `row ${i} ?q='";-- é`,
        (i * 7) % 13,
      ]);
    const before = await fingerprint(source.url);
    expect(before.drill_rows?.rows).toBe(50);
    // The migrations' record comes along too: the application's tables, if empty, are there.
    expect(before.pgmigrations?.rows).toBeGreaterThan(0);

    const out = mkdtempSync(join(tmpdir(), "drill-"));
    const { stdout } = await run(join(SCRIPTS, "backup.sh"), [out], {
      env: { ...process.env, DATABASE_URL: source.url },
    });
    const dump = stdout.trim();
    expect(readdirSync(out).sort()).toEqual(
      [dump.split("/").pop(), `${dump.split("/").pop() ?? ""}.sha256`].sort(),
    );

    await run(join(SCRIPTS, "restore.sh"), [dump], {
      env: { ...process.env, DATABASE_URL: target.url },
    });
    expect(await fingerprint(target.url)).toEqual(before);

    // A second restore into the now non-empty database is refused, and so is a corrupted dump.
    const again = await run(join(SCRIPTS, "restore.sh"), [dump], {
      env: { ...process.env, DATABASE_URL: target.url },
    }).catch((e: unknown) => e as { code: number; stderr: string });
    expect(again).toMatchObject({ code: 4 });
    writeFileSync(dump, "corrupted", { flag: "a" });
    const corrupted = await run(join(SCRIPTS, "restore.sh"), [dump], {
      env: { ...process.env, DATABASE_URL: target.url },
    }).catch((e: unknown) => e as { code: number; stderr: string });
    expect(corrupted).toMatchObject({ code: 3 });
  });
});

describe("backup scripts", () => {
  it.runIf(needs("shellcheck", "the backup scripts' shellcheck"))(
    "are shellcheck-clean",
    async () => {
      const { stdout } = await run("shellcheck", [
        join(SCRIPTS, "backup.sh"),
        join(SCRIPTS, "restore.sh"),
      ]);
      expect(stdout).toBe("");
    },
  );
});
