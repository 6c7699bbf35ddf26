import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// k8s renders the overlays exactly as kubectl applies them (k8s/src/manifests.ts).
import { renderOverlay } from "../../../k8s/src/manifests.js";
import { needs } from "@fil-rouge/toolchain/skips";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open-database.js";
import { createLogger } from "../src/logger.js";
import { createMetrics } from "../src/metrics.js";
import { runMigrateMain } from "./support/main-process.js";
import { testConfig } from "./support/test-config.js";
import { MIGRATED_TABLES_SQL } from "./support/test-database.js";
import {
  startTlsPostgres,
  tlsPostgresUnavailable,
  type TlsPostgres,
} from "./support/tls-postgres.js";

// Blocker 2 of issue 13: on EKS the API and its migration init container connect to RDS with the
// URLs of k8s/components/aws/external-secrets.yaml. node-postgres (pg 8.23.1, pg-connection-string
// 2.14.1, index.js) verifies the server for every sslmode but no-verify, against Node's store
// unless sslrootcert names a file; the RDS CAs are in no store. Here a real PostgreSQL with TLS,
// whose certificate a CA made by the test signed, stands in for RDS; the URLs are the rendered
// ExternalSecret's with only host, port, credentials and the CA file's path substituted.
const RDS_BUNDLE = fileURLToPath(
  new URL("../../../k8s/components/aws/rds-ca-bundle.pem", import.meta.url),
);
const unavailable =
  tlsPostgresUnavailable() ??
  (needs("kustomize", "database TLS against a real server (the staging overlay's URLs)")
    ? undefined
    : "no kubectl or kustomize");
if (unavailable) it.skip(`database TLS against a real server: ${unavailable}`, () => undefined);

/** The rendered staging overlay's database URL templates, by key. */
function renderedUrlTemplates() {
  const secret = renderOverlay("staging").find(
    (o) => o.kind === "ExternalSecret" && o.metadata.name === "shortlinks-db",
  ) as unknown as { spec: { target: { template: { data: Record<string, string> } } } };
  return secret.spec.target.template.data;
}

/** A template with the server's address and a CA file of the test in place of the mounted one. */
function fill(template: string, server: TlsPostgres, caFile: string, host = "127.0.0.1") {
  const rootCert = new URLSearchParams(template.split("?")[1]).get("sslrootcert") ?? "";
  expect(rootCert).toMatch(/^\//);
  return template
    .replace(/\{\{ \.(owner_)?username \}\}/, "postgres")
    .replace(/\{\{ \.(owner_)?password \| urlquery \}\}/, encodeURIComponent("p@ss/word"))
    .replace("{{ .host }}", host)
    .replace("{{ .port }}", String(server.port))
    .replace(`sslrootcert=${rootCert}`, `sslrootcert=${caFile}`);
}

/** Every message and code down an error's cause chain: pg wraps TLS errors. */
function chain(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    parts.push(e.message, typeof code === "string" ? code : "");
    if (e instanceof AggregateError) parts.push(...e.errors.map(chain));
  }
  return parts.join(" ");
}

describe.runIf(!unavailable)(
  "the API and its migrations against a TLS PostgreSQL, with the manifests' URLs",
  () => {
    let server: TlsPostgres;
    let trusted: string;
    let untrusted: string;
    const templates = unavailable ? {} : renderedUrlTemplates();
    const apiTemplate = templates["database-url"] ?? "";
    const migrationTemplate = templates["database-migration-url"] ?? "";

    beforeAll(async () => {
      server = await startTlsPostgres();
      // The shipped bundle with the test's CA added: the file format the pods read (comments,
      // ninety-odd roots), trusting the stand-in server. The same bundle with another CA does not.
      const bundle = readFileSync(RDS_BUNDLE, "utf8");
      trusted = join(server.dir, "bundle-trusted.pem");
      untrusted = join(server.dir, "bundle-untrusted.pem");
      writeFileSync(trusted, bundle + readFileSync(server.caFile, "utf8"));
      writeFileSync(untrusted, bundle + readFileSync(server.otherCaFile, "utf8"));
    }, 60_000);
    afterAll(() => {
      server.stop();
    });

    const openApiDatabase = (url: string) => {
      const config = testConfig({ DATABASE_URL: url, DATABASE_CONNECT_TIMEOUT_MS: "3000" });
      return openDatabase(config.database, createLogger(config), createMetrics(config.build));
    };

    it("the migration init container applies the schema over TLS", async () => {
      const result = await runMigrateMain({
        DATABASE_URL: fill(apiTemplate, server, trusted),
        DATABASE_MIGRATION_URL: fill(migrationTemplate, server, trusted),
      });
      expect(result).toEqual({ code: 0, stderr: "" });
    });

    it("the API's pool connects, verified, and the session is encrypted", async () => {
      const db = await openApiDatabase(fill(apiTemplate, server, trusted));
      try {
        await db.ping(3000);
        const { rows } = await db.query<{ ssl: boolean }>(
          "tls",
          "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        );
        expect(rows).toEqual([{ ssl: true }]);
        // The migrations ran through the same verified connection.
        const tables = await db.query<{ n: number }>("tables", MIGRATED_TABLES_SQL);
        expect(tables.rows[0]?.n).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    });

    it("the pool refuses a server whose certificate another CA signed", async () => {
      const db = await openApiDatabase(fill(apiTemplate, server, untrusted));
      try {
        const error = await db.ping(3000).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(chain(error)).toMatch(
          /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/,
        );
      } finally {
        await db.close();
      }
    });

    it("the migration refuses it too, and says why", async () => {
      const result = await runMigrateMain({
        DATABASE_URL: fill(apiTemplate, server, untrusted),
        DATABASE_MIGRATION_URL: fill(migrationTemplate, server, untrusted),
        DATABASE_CONNECT_TIMEOUT_MS: "3000",
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^migration failed: .*(certificate|self.signed)/i);
    });

    it("verify-full also checks the name: the right CA but another host name is refused", async () => {
      const db = await openApiDatabase(fill(apiTemplate, server, trusted, "localhost"));
      try {
        const error = await db.ping(3000).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(chain(error)).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID|does not match/);
      } finally {
        await db.close();
      }
    });

    it("what failed before: sslmode=require with no CA file verifies against Node's store and fails", async () => {
      const url = new URL(fill(apiTemplate, server, trusted));
      url.search = "?sslmode=require";
      const db = await openApiDatabase(url.toString());
      try {
        const error = await db.ping(3000).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(chain(error)).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
      } finally {
        await db.close();
      }
    });

    it.runIf(needs("psql", "libpq reading the database URL (psql)"))(
      "libpq (the roles Job's psql, the backup's pg_dump) reads the same URL the same way",
      () => {
        const psql = (caFile: string) =>
          spawnSync(
            "psql",
            [
              fill(apiTemplate, server, caFile),
              "-XtAc",
              "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            ],
            {
              encoding: "utf8",
              env: { PATH: process.env.PATH },
            },
          );
        expect(psql(trusted)).toMatchObject({ status: 0, stdout: "t\n" });
        const refused = psql(untrusted);
        expect(refused.status).not.toBe(0);
        expect(refused.stderr).toMatch(/certificate verify failed/);
      },
    );
  },
);
