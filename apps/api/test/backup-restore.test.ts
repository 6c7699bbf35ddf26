import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../src/db/migrate.js";
import { createLinksRepository } from "../src/links/links-repository.js";
import { needs } from "@fil-rouge/toolchain/skips";
import { onPath } from "./support/on-path.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "./support/test-database.js";

// The backup and restore drill: seed, back up with scripts/db/backup.sh, restore into a fresh
// database with restore.sh, and compare. Needs a PostgreSQL server and its client tools.
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

// Row count and a checksum of every row's content, in a stable order.
async function fingerprint(
  url: string,
): Promise<{ links: number; clicks: number; digest: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ links: number; clicks: number; digest: string }>(
    "SELECT count(*)::int AS links, coalesce(sum(clicks), 0)::int AS clicks, md5(coalesce(string_agg(slug || '|' || url || '|' || clicks || '|' || created_at, ',' ORDER BY id), '')) AS digest FROM links",
  );
  await client.end();
  const row = rows[0];
  if (!row) throw new Error("no fingerprint");
  return row;
}

describe("backup and restore drill", () => {
  it("restores an identical copy: same rows, same clicks, same content checksum", async (ctx) => {
    if (!source.url || !target.url || !tools) {
      ctx.skip(
        "needs a PostgreSQL server (TEST_DATABASE_URL or Docker) and pg_dump, pg_restore, psql (Debian postgresql-client)",
      );
      return;
    }
    const db = await source.open();
    await migrate(db, silentLogger);
    const links = createLinksRepository(db);
    for (let i = 0; i < 50; i++)
      await links.insert(`drill-${i}`, `https://example.org/${i}?q='";--`);
    const clicks = new Map<string, number>();
    for (let i = 0; i < 120; i++)
      clicks.set(`drill-${i % 7}`, (clicks.get(`drill-${i % 7}`) ?? 0) + 1);
    await links.addClicks(clicks);
    const before = await fingerprint(source.url);
    expect(before).toMatchObject({ links: 50, clicks: 120 });

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
