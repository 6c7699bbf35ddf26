import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newestDump, restoreDrill, rowsInDump } from "./restore-drill.js";

const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const FIXTURES = fileURLToPath(new URL("fixtures", import.meta.url));
const BUCKET = "shortlinks-staging-db-backups-111122223333";

/** A folder standing for the bucket, holding the newest dump of the recorded listing. */
function bucketWith(content: string, sha256: string): string {
  const bucket = mkdtempSync(join(tmpdir(), "bucket-"));
  mkdirSync(join(bucket, "postgres"));
  const dump = join(bucket, "postgres", "shortlinks-2026-11-30T021704Z.dump");
  writeFileSync(dump, content);
  writeFileSync(`${dump}.sha256`, `${sha256}  shortlinks-2026-11-30T021704Z.dump\n`);
  return bucket;
}

/** pulumi, aws and psql stubs over a folder standing for the bucket; psql logs its SQL. */
function stubs(bucket: string) {
  const bin = mkdtempSync(join(tmpdir(), "drill-bin-"));
  const log = join(bin, "psql.log");
  const bodies: Record<string, string> = {
    pulumi: `[ "$3:$5" = backupBucket:staging ] || exit 1; echo ${BUCKET}`,
    aws: `case "$2" in ls) cat "${FIXTURES}/aws-s3-ls.txt";; cp) cp "${bucket}/\${3#s3://${BUCKET}/}" "$4";; esac`,
    psql: `printf '%s\\n' "$7" >> "${log}"; echo 0`,
  };
  for (const [name, body] of Object.entries(bodies)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { bin, log };
}

describe("the restore drill", () => {
  it("takes the newest dump of the bucket's listing, not its checksum file", () => {
    expect(newestDump(readFileSync(join(FIXTURES, "aws-s3-ls.txt"), "utf8"))).toEqual({
      key: "postgres/shortlinks-2026-11-30T021704Z.dump",
      bytes: 1490876,
    });
    expect(newestDump("")).toBeUndefined();
  });

  it("counts the rows of each table in a dump's data, one line a row up to the end marker", () => {
    const script = [
      "SET client_encoding = 'UTF8';",
      "COPY public.items (id, name, url, views) FROM stdin;",
      "1\ta\thttps://example.org/a\\nb\t3",
      "2\tb\thttps://example.org/\\\\.\t0",
      "\\.",
      "",
      'COPY public."Empty" (id) FROM stdin;',
      "\\.",
      "SELECT pg_catalog.setval('public.items_id_seq', 2, true);",
    ].join("\n");
    expect([...rowsInDump(script)]).toEqual([
      ["public.items", 2],
      ['public."Empty"', 0],
    ]);
  });

  it("says where to restore when no database is given, before touching the bucket", async () => {
    const { bin, log } = stubs(mkdtempSync(join(tmpdir(), "bucket-")));
    await expect(restoreDrill(ROOT, { PATH: `${bin}:${process.env.PATH ?? ""}` })).rejects.toThrow(
      "RESTORE_DRILL_DATABASE_URL non défini : l'adresse d'un PostgreSQL où créer la base vide de l'exercice",
    );
    expect(() => readFileSync(log)).toThrow();
  });

  it("refuses a dump whose checksum does not match (restore.sh), and drops its scratch database", async () => {
    const { bin, log } = stubs(bucketWith("a dump altered after its checksum", "0".repeat(64)));
    await expect(
      restoreDrill(ROOT, {
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        // secretlint-disable-next-line -- a made-up password the reason must not show
        RESTORE_DRILL_DATABASE_URL: "postgres://drill:s3cret@db.example:5432/postgres",
      }),
    ).rejects.toThrow(
      /restore\.sh .* a échoué : restore: checksum mismatch for .*: refusing to restore$/,
    );
    const sql = readFileSync(log, "utf8").trim().split("\n");
    expect(sql).toHaveLength(2);
    expect(sql[0]).toMatch(/^CREATE DATABASE (restore_drill_[0-9a-f]{12})$/);
    expect(sql[1]).toBe(`DROP DATABASE IF EXISTS ${sql[0]?.split(" ")[2] ?? ""} WITH (FORCE)`);
  });

  it("never shows the database password in its reason", async () => {
    const { bin } = stubs(bucketWith("a dump", "0".repeat(64)));
    writeFileSync(
      join(bin, "psql"),
      "#!/bin/sh\necho 'psql: error: connection to server at \"db.example\" failed' >&2\nexit 2\n",
    );
    const reason = await restoreDrill(ROOT, {
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      // secretlint-disable-next-line -- a made-up password the reason must not show
      RESTORE_DRILL_DATABASE_URL: "postgres://drill:s3cret@db.example:5432/postgres",
    }).catch((error: unknown) => (error as Error).message);
    expect(reason).toContain("postgres://drill:***@db.example:5432/postgres");
    expect(reason).not.toContain("s3cret");
  });
});
