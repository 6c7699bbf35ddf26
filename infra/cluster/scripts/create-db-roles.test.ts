import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { needs } from "@fil-rouge/toolchain/skips";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The db-roles Job's script against a real PostgreSQL (TEST_DATABASE_URL, which .ci/run sets),
// on a scratch database with roles named for this run only.
const SCRIPT = fileURLToPath(new URL("create-db-roles.sh", import.meta.url));
const SQL = fileURLToPath(
  new URL("../../../apps/api/scripts/db/create-roles.sql", import.meta.url),
);
const ADMIN = process.env.TEST_DATABASE_URL;
// Without TEST_DATABASE_URL the test skips with its own line; without psql, the skip is recorded.
const psqlInstalled = ADMIN === undefined || needs("psql", "create-db-roles.sh against PostgreSQL");
const suffix = randomBytes(4).toString("hex");
const db = `roles_${suffix}`;
const owner = `owner_${suffix}`;
const app = `app_${suffix}`;

const urlFor = (database: string, user?: string) => {
  const url = new URL(ADMIN ?? "postgres://localhost");
  url.pathname = `/${database}`;
  if (user) url.username = user;
  return url.toString();
};
const psql = (url: string, sql: string) =>
  execFileSync("psql", [url, "-X", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql], {
    encoding: "utf8",
  }).trim();
const runScript = (env: Record<string, string | undefined>) =>
  spawnSync("bash", [SCRIPT], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      ADMIN_URL: urlFor(db),
      OWNER_ROLE: owner,
      APP_ROLE: app,
      DATABASE_NAME: db,
      OWNER_PASSWORD: "owner-secret-1",
      APP_PASSWORD: "app-secret-1",
      CREATE_ROLES_SQL: SQL,
      ...env,
    },
  });
const passwordOf = (role: string) =>
  psql(urlFor(db), `SELECT rolpassword FROM pg_authid WHERE rolname = '${role}'`);

if (!ADMIN || !psqlInstalled) {
  it.skip("create-db-roles.sh: needs TEST_DATABASE_URL and psql (.ci/run provides both)", () =>
    undefined);
}

describe.runIf(ADMIN && psqlInstalled)("create-db-roles.sh", () => {
  beforeAll(() => {
    psql(urlFor("postgres"), `CREATE DATABASE ${db}`);
  });
  afterAll(() => {
    psql(urlFor("postgres"), `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    psql(urlFor("postgres"), `DROP ROLE IF EXISTS ${owner}, ${app}, lonely_${suffix}`);
  });

  it("creates both roles with their passwords, and the app role cannot change the schema", () => {
    const result = runScript({});
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(`creating ${owner} and ${app}`);
    expect(result.status).toBe(0);
    expect(passwordOf(owner)).toMatch(/^SCRAM-SHA-256\$/);
    expect(passwordOf(app)).toMatch(/^SCRAM-SHA-256\$/);

    psql(urlFor(db, owner), "CREATE TABLE items (name text PRIMARY KEY)");
    psql(urlFor(db, app), "INSERT INTO items VALUES ('a')");
    expect(() => psql(urlFor(db, app), "DROP TABLE items")).toThrow(/must be owner/);
  });

  it("reruns safely: keeps the roles, sets the new passwords", () => {
    const before = passwordOf(app);
    const result = runScript({ APP_PASSWORD: "app-secret-2" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("passwords only");
    expect(passwordOf(app)).not.toBe(before);
  });

  it("stops when only one of the two roles exists", () => {
    psql(urlFor("postgres"), `CREATE ROLE lonely_${suffix}`);
    const result = runScript({ OWNER_ROLE: `lonely_${suffix}`, APP_ROLE: `missing_${suffix}` });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("only one of");
  });

  it("refuses names that are not plain SQL identifiers, before connecting", () => {
    const result = runScript({ APP_ROLE: 'app"; DROP DATABASE x; --' });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("is not a plain lower-case SQL name");
  });

  it("names a missing setting", () => {
    const result = runScript({ ADMIN_URL: undefined });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ADMIN_URL is required");
  });
});
