// The restore drill on staging, run by `npm run evidence` (CP6: data backed up *and restorable*):
// the newest nightly dump in staging's backup bucket is downloaded with its checksum, restored by
// the project's own restore.sh into a fresh scratch database, and every table's rows in the dump
// are compared with the rows restored. Its report is the evidence; any failure is the reason it
// was not collected.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Step } from "./collect-evidence.js";
import { cli } from "./run-cli.js";

/** The stack whose backups are drilled: pre-production, where a drill may cost nothing. */
export const DRILL_STACK = "staging";
/** A PostgreSQL role allowed to CREATE DATABASE: the drill restores into a fresh one there. */
export const DRILL_DATABASE_VARIABLE = "RESTORE_DRILL_DATABASE_URL";

export interface DrillReport {
  drill: "restore";
  environment: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  dump: { object: string; bytes: number; sha256: string; checksum: "verified by restore.sh" };
  restoredInto: string;
  tables: { table: string; rowsInDump: number; rowsRestored: number }[];
  result: "identical";
}

/** The newest dump of an `aws s3 ls --recursive` listing: lines start with the date-time. */
export function newestDump(listing: string): { key: string; bytes: number } | undefined {
  const dumps = listing
    .split("\n")
    .map((line) => /^(\S+ \S+)\s+(\d+)\s+(\S+\.dump)$/.exec(line.trim()))
    .filter((match) => match !== null)
    .sort((a, b) => (a[1] ?? "").localeCompare(b[1] ?? ""));
  const last = dumps.at(-1);
  return last ? { key: last[3] ?? "", bytes: Number(last[2]) } : undefined;
}

/** Rows per table in `pg_restore --data-only` output: each COPY block, one line a row, to `\.`. */
export function rowsInDump(script: string): Map<string, number> {
  const rows = new Map<string, number>();
  let table: string | undefined;
  for (const line of script.split("\n")) {
    if (table === undefined) {
      table = /^COPY (\S+) .*FROM stdin;$/.exec(line)?.[1];
      if (table !== undefined) rows.set(table, 0);
    } else if (line === "\\.") table = undefined;
    else rows.set(table, (rows.get(table) ?? 0) + 1);
  }
  return rows;
}

/** psql on `url`; its failure names the server, never the password (the reason is published). */
const psql = (root: string, url: URL, sql: string) => async (env: NodeJS.ProcessEnv) => {
  const args = ["--tuples-only", "--no-align", "-v", "ON_ERROR_STOP=1", "-c", sql];
  try {
    return await cli(root, "psql", [url.toString(), ...args])(env);
  } catch (error) {
    const shown = new URL(url);
    if (shown.password) shown.password = "***";
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replaceAll(url.toString(), shown.toString()), { cause: error });
  }
};

/** Runs the drill: the report, or an error that says which part failed. */
export async function restoreDrill(root: string, env: NodeJS.ProcessEnv): Promise<DrillReport> {
  const adminUrl = env[DRILL_DATABASE_VARIABLE];
  if (!adminUrl)
    throw new Error(
      `${DRILL_DATABASE_VARIABLE} non défini : l'adresse d'un PostgreSQL où créer la base vide de l'exercice`,
    );
  if (!URL.canParse(adminUrl))
    throw new Error(`${DRILL_DATABASE_VARIABLE} n'est pas une URL postgres://…`);
  const admin = new URL(adminUrl);
  const started = new Date();
  const bucket = (
    await cli(
      root,
      "pulumi",
      ["stack", "output", "backupBucket", "--stack", DRILL_STACK],
      "infra/aws",
    )(env)
  ).trim();
  const listing = await cli(root, "aws", ["s3", "ls", `s3://${bucket}/postgres/`, "--recursive"])(
    env,
  );
  const newest = newestDump(listing);
  if (!newest) throw new Error(`aucune sauvegarde (*.dump) dans s3://${bucket}/postgres/`);
  const object = `s3://${bucket}/${newest.key}`;

  const dir = mkdtempSync(join(tmpdir(), "restore-drill-"));
  const name = `restore_drill_${randomBytes(6).toString("hex")}`;
  const scratch = new URL(admin);
  scratch.pathname = `/${name}`;
  try {
    for (const suffix of ["", ".sha256"])
      await cli(root, "aws", ["s3", "cp", `${object}${suffix}`, `${dir}/`])(env);
    const dump = join(dir, basename(newest.key));
    await psql(root, admin, `CREATE DATABASE ${name}`)(env);
    // restore.sh checks the checksum and that the target is empty before pg_restore.
    await cli(root, "bash", ["apps/api/scripts/db/restore.sh", dump])({
      ...env,
      DATABASE_URL: scratch.toString(),
    });
    const inDump = rowsInDump(
      await cli(root, "pg_restore", ["--data-only", "--file=-", dump])(env),
    );
    if (inDump.size === 0) throw new Error(`${object} ne contient aucune table`);
    const tables = [];
    for (const [table, rows] of inDump) {
      const restored = await psql(root, scratch, `SELECT count(*) FROM ${table}`)(env);
      tables.push({ table, rowsInDump: rows, rowsRestored: Number(restored.trim()) });
    }
    const different = tables.filter((t) => t.rowsInDump !== t.rowsRestored);
    if (different.length > 0)
      throw new Error(
        `restauration incomplète de ${object} : ${different.map((t) => `${t.table} ${t.rowsInDump} dans la sauvegarde, ${t.rowsRestored} restaurées`).join(" ; ")}`,
      );
    const ended = new Date();
    return {
      drill: "restore",
      environment: DRILL_STACK,
      startedAt: started.toISOString(),
      endedAt: ended.toISOString(),
      durationSeconds: (ended.getTime() - started.getTime()) / 1000,
      dump: {
        object,
        bytes: newest.bytes,
        sha256: readFileSync(`${dump}.sha256`, "utf8").split(" ")[0] ?? "",
        checksum: "verified by restore.sh",
      },
      restoredInto: `a fresh database on ${scratch.host}, dropped after the drill`,
      tables,
      result: "identical",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await psql(
      root,
      admin,
      `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
    )(env).catch(() => undefined);
  }
}

export function restoreDrillStep(root: string): Step {
  return {
    file: "exercice-restauration.json",
    cp: "CP6",
    proves:
      "l'exercice de restauration de la pré-production : la dernière sauvegarde restaurée dans une base neuve, lignes comparées table par table, durée",
    command: `restoreDrill : aws s3 cp de la dernière sauvegarde de la pile ${DRILL_STACK}, restore.sh dans une base neuve (${DRILL_DATABASE_VARIABLE}), comptage des lignes`,
    needs: ["pulumi", "aws", "psql", "pg_restore"],
    collect: async (env) => `${JSON.stringify(await restoreDrill(root, env), null, 2)}\n`,
  };
}
