import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { needs } from "@fil-rouge/toolchain/skips";
import { describe, expect, it } from "vitest";
import { missingAlertingBinaries } from "../local-alerting.js";
import { SCENARIOS } from "../scenarios.js";
import { cloudSteps, collectEvidence, type Manifest } from "./collect-evidence.js";
import type { DrillReport } from "./restore-drill.js";
import { localSteps } from "./evidence-main.js";

const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const FIXTURES = fileURLToPath(new URL("fixtures", import.meta.url));
// The evidence names its commit (git rev-parse HEAD): a copy without git or .git (a ZIP download,
// the bare machine of the README) cannot have one, so the test says so and skips.
const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT });
const commit = head.status === 0 ? head.stdout.toString().trim() : "";
if (!commit) {
  process.stdout.write(
    "[skipped] npm run evidence's test: needs git and a clone (the evidence names its commit)\n",
  );
}
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

const STAGING_BUCKET = "shortlinks-staging-db-backups-111122223333";
const NEWEST_DUMP = "postgres/shortlinks-2026-11-30T021704Z.dump";

/** Stub executables that print the recorded outputs, as the real CLIs would. */
function stubCli(bucket: string): string {
  const bin = mkdtempSync(join(tmpdir(), "evidence-bin-"));
  const stubs: Record<string, string> = {
    pulumi: `case "$3:$5:$PWD" in hostname:*) echo dev.example.org;; backupBucket:staging:*) echo ${STAGING_BUCKET};; backupBucket:*) echo shortlinks-dev-db-backups-111122223333;; *:*/infra/aws) cat "${FIXTURES}/pulumi-infra-aws.json";; *) cat "${FIXTURES}/pulumi-infra-cluster.json";; esac`,
    curl: `[ "$2" = https://dev.example.org/readyz ] || exit 6; cat "${FIXTURES}/curl-verbose.txt" >&2; echo '{"status":"ready"}'`,
    kubectl: `case "$2" in nodes) cat "${FIXTURES}/kubectl-nodes.txt";; pods) cat "${FIXTURES}/kubectl-pods.txt";; *) cat "${FIXTURES}/kubectl-ingress.txt";; esac`,
    docker: `[ "$5" = shortlinks-api:0.0.0-compose ] || exit 1; echo "sha256:$(printf '%064d' 7) 158634521"`,
    // The staging bucket is a folder here: aws s3 cp copies from it what the listing names.
    aws: `case "$1 $2 $3" in "s3 ls s3://shortlinks-dev-db-backups-111122223333/"|"s3 ls s3://${STAGING_BUCKET}/postgres/") cat "${FIXTURES}/aws-s3-ls.txt";; "s3 cp s3://${STAGING_BUCKET}/"*) cp "${bucket}/\${3#s3://${STAGING_BUCKET}/}" "$4" 2>/dev/null || { echo "fatal error: An error occurred (404) when calling the HeadObject operation: Not Found" >&2; exit 1; };; "sts get-caller-identity "*) cat "${FIXTURES}/aws-identity.json";; *) exit 2;; esac`,
    gh: `case "$2:$4:$6" in list:image.yml:main) cat "${FIXTURES}/gh-run-list.json";; view:*) [ "$3" = 12054411873 ] && cat "${FIXTURES}/gh-run-view.json";; *) exit 1;; esac`,
  };
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

/**
 * The staging bucket for the restore drill, as a folder: a real pg_dump (custom format, with its
 * sha256sum file, as backup.sh makes them) of a database of 50 rows, under the listing's newest
 * name. Needs a PostgreSQL at TEST_DATABASE_URL and its client tools; undefined without them.
 */
function stagingBucket(): string | undefined {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    process.stdout.write(
      "[skipped] npm run evidence's restore drill on a real dump: needs a PostgreSQL at TEST_DATABASE_URL\n",
    );
    return;
  }
  const what = "npm run evidence's restore drill on a real dump";
  if (!needs("pg_dump", what) || !needs("psql", what)) return;
  const bucket = mkdtempSync(join(tmpdir(), "staging-bucket-"));
  mkdirSync(join(bucket, "postgres"));
  const source = new URL(admin);
  source.pathname = `/evidence_source_${process.pid}`;
  const psql = (url: string, sql: string) =>
    execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], {
      env: { ...process.env, PGOPTIONS: "-c client_min_messages=warning" },
    });
  psql(admin, `DROP DATABASE IF EXISTS evidence_source_${process.pid}`);
  psql(admin, `CREATE DATABASE evidence_source_${process.pid}`);
  psql(
    source.toString(),
    // A newline, a tab and a backslash in the data: COPY escapes them, still one line a row.
    "CREATE TABLE items (id serial PRIMARY KEY, name text UNIQUE, url text, views int); INSERT INTO items (name, url, views) SELECT 'drill-' || i, E'https://example.org/' || i || E'?a\\nb\\tc\\\\', i % 7 FROM generate_series(1, 50) AS i",
  );
  execFileSync("pg_dump", [
    "--format=custom",
    `--file=${join(bucket, NEWEST_DUMP)}`,
    source.toString(),
  ]);
  execFileSync(
    "sh",
    ["-c", `sha256sum ${NEWEST_DUMP.split("/")[1]} > ${NEWEST_DUMP.split("/")[1]}.sha256`],
    {
      cwd: join(bucket, "postgres"),
    },
  );
  psql(admin, `DROP DATABASE evidence_source_${process.pid} WITH (FORCE)`);
  return bucket;
}

const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, sha256(join(dir, f))]));

describe.runIf(commit !== "")("npm run evidence", () => {
  it("collects the local part for real and the cloud part from the CLIs on PATH; a second run adds a folder", async () => {
    const out = mkdtempSync(join(tmpdir(), "preuves-"));
    const bucket = stagingBucket();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${stubCli(bucket ?? tmpdir())}:${process.env.PATH ?? ""}`,
    };
    // The drill restores into a fresh database on the test's PostgreSQL, when there is one.
    if (bucket) env.RESTORE_DRILL_DATABASE_URL = process.env.TEST_DATABASE_URL;
    else delete env.RESTORE_DRILL_DATABASE_URL;
    const steps = [...localSteps(true), ...cloudSteps(ROOT)];
    const first = await collectEvidence({ outDir: out, steps, commit, env });

    // Everything collected; each file hashed in the manifest as written.
    const manifest = JSON.parse(readFileSync(join(first.dir, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.commit).toBe(commit);
    const collected = new Set(manifest.files.map((f) => f.file));
    const mayMiss = ["totaux-des-tests.txt", ...(bucket ? [] : ["exercice-restauration.json"])];
    expect(
      steps.map((s) => s.file).filter((f) => !collected.has(f) && !mayMiss.includes(f)),
    ).toEqual([]);
    for (const f of manifest.files) expect(sha256(join(first.dir, f.file)), f.file).toBe(f.sha256);
    // The cloud files are the CLIs' outputs (here the recorded ones).
    expect(readFileSync(join(first.dir, "kubectl-pods.txt"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "kubectl-pods.txt"), "utf8"),
    );
    expect(readFileSync(join(first.dir, "pulumi-infra-aws.json"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "pulumi-infra-aws.json"), "utf8"),
    );
    expect(readFileSync(join(first.dir, "image.txt"), "utf8")).toMatch(/^sha256:[0-9]{64} \d+$/m);
    // Chained: the URL and the bucket come from the stacks' outputs.
    const url = readFileSync(join(first.dir, "url-publique.txt"), "utf8");
    expect(url).toMatch(/issuer: C=US; O=Let's Encrypt/);
    expect(url).toMatch(/expire date: Feb 27 07:12:03 2027 GMT/);
    expect(url).toContain('{"status":"ready"}');
    expect(
      readFileSync(join(first.dir, "derniere-sauvegarde.txt"), "utf8").trim().split("\n").at(-1),
    ).toMatch(/2026-11-30 02:17:\d+ .*shortlinks-2026-11-30/);
    // The last promotion: the newest image.yml run on main, as gh run view prints it.
    expect(readFileSync(join(first.dir, "derniere-promotion.json"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "gh-run-view.json"), "utf8"),
    );
    expect(manifest.files.find((f) => f.file === "derniere-promotion.json")?.cp).toBe("CP8");
    // The restore drill: staging's newest dump restored for real, every row back, then dropped.
    const drillReason = manifest.notCollected.find((m) => m.file === "exercice-restauration.json");
    if (bucket) {
      const report = JSON.parse(
        readFileSync(join(first.dir, "exercice-restauration.json"), "utf8"),
      ) as DrillReport;
      expect(report).toMatchObject({
        environment: "staging",
        dump: {
          object: `s3://${STAGING_BUCKET}/${NEWEST_DUMP}`,
          bytes: 1490876,
          checksum: "verified by restore.sh",
        },
        tables: [{ table: "public.items", rowsInDump: 50, rowsRestored: 50 }],
        result: "identical",
      });
      expect(Date.parse(report.endedAt)).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
      expect(manifest.files.find((f) => f.file === "exercice-restauration.json")?.cp).toBe("CP6");
      const left = execFileSync("psql", [
        process.env.TEST_DATABASE_URL ?? "",
        "-At",
        "-c",
        "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_drill_%'",
      ]);
      expect(left.toString().trim()).toBe("0");
    } else
      expect(drillReason?.reason).toBe(
        "RESTORE_DRILL_DATABASE_URL non défini : l'adresse d'un PostgreSQL où créer la base vide de l'exercice",
      );
    expect(readFileSync(join(first.dir, "commit.txt"), "utf8")).toContain(`commit ${commit}`);
    // The workspaces' last vitest reports; on a fresh clone there may be none yet, said so.
    const totals = manifest.files.some((f) => f.file === "totaux-des-tests.txt")
      ? readFileSync(join(first.dir, "totaux-des-tests.txt"), "utf8")
      : "";
    if (totals)
      expect(totals).toMatch(
        /^\S+ +\d+ réussis +\d+ en échec +\d+ ignorés \/ \d+ +\(exécuté le \S+Z\)$/m,
      );
    else
      expect(manifest.notCollected.filter((m) => m !== drillReason).map((m) => m.reason)).toEqual([
        "aucun rapport reports/vitest.json : lancer npm test d'abord",
      ]);
    expect(readFileSync(join(first.dir, "carte-des-competences.txt"), "utf8")).toMatch(
      /Tests\s+\d+ passed/,
    );
    // The index links every file to its competencies.
    const index = readFileSync(join(first.dir, "index.md"), "utf8");
    for (const f of manifest.files)
      expect(index).toContain(`| [\`${f.file}\`](${f.file}) | ${f.cp} |`);

    const demo = readFileSync(join(first.dir, "demo-locale.txt"), "utf8");
    expect(demo).toMatch(/^\S+Z sonde GET \/readyz : 200/m);
    // The application's smoke checks (apps/loadgen/src/traffic/app-traffic.ts), one line each.
    expect(demo).toMatch(/^\S+Z vérifié : \S/m);
    if (missingAlertingBinaries().length === 0) {
      const alert = SCENARIOS.find((s) => s.name === "errors")?.alert ?? "the errors scenario";
      expect(demo).toMatch(new RegExp(`^\\S+Z alerte ${alert} déclenchée dans Prometheus`, "m"));
      expect(demo).toMatch(
        new RegExp(
          `^\\S+Z notification reçue : .*FIRING +${alert} .*runbook: \\S+/docs/runbooks/${alert}\\.md$`,
          "m",
        ),
      );
      expect(demo).toMatch(new RegExp(`^\\S+Z notification reçue : .*RESOLVED +${alert}`, "m"));
    } else {
      expect(demo).toContain("scénario errors non joué");
    }

    // Second run: a new folder; the first is untouched. Only a failing kubectl and a gh without a
    // login on PATH: the rest is listed as not collected, with its reason.
    const before = snapshot(first.dir);
    const bin = mkdtempSync(join(tmpdir(), "evidence-bin-"));
    writeFileSync(
      join(bin, "kubectl"),
      "#!/bin/sh\necho 'error: You must be logged in to the server (Unauthorized)' >&2\nexit 1\n",
    );
    writeFileSync(
      join(bin, "gh"),
      "#!/bin/sh\necho 'To get started with GitHub CLI, please run:  gh auth login' >&2\necho 'Alternatively, populate the GH_TOKEN environment variable with a GitHub API authentication token.' >&2\nexit 4\n",
    );
    chmodSync(join(bin, "kubectl"), 0o755);
    chmodSync(join(bin, "gh"), 0o755);
    const second = await collectEvidence({
      outDir: out,
      steps: cloudSteps(ROOT),
      commit,
      env: { PATH: bin },
      now: new Date(Date.parse(manifest.createdAt) + 60_000),
    });
    expect(second.dir).not.toBe(first.dir);
    expect(snapshot(first.dir)).toEqual(before);
    expect(second.manifest.files).toEqual([]);
    expect(second.manifest.notCollected.map((m) => m.reason)).toEqual([
      "pulumi absent du PATH",
      "pulumi absent du PATH",
      "kubectl get nodes -o wide a échoué : error: You must be logged in to the server (Unauthorized)",
      "kubectl get pods -A -o wide a échoué : error: You must be logged in to the server (Unauthorized)",
      "kubectl get ingress -A a échoué : error: You must be logged in to the server (Unauthorized)",
      "pulumi absent du PATH",
      "pulumi absent du PATH",
      "docker absent du PATH",
      "aws absent du PATH",
      "pulumi absent du PATH",
      "gh run list --workflow image.yml --branch main --event push --limit 1 --json databaseId,conclusion,headSha,createdAt,url,displayTitle a échoué : Alternatively, populate the GH_TOKEN environment variable with a GitHub API authentication token.",
    ]);
    expect(readFileSync(join(second.dir, "index.md"), "utf8")).toContain(
      "- `aws-identite.json` (CP3) : non collecté : `aws absent du PATH`",
    );
    // The same date-time again is refused rather than overwritten.
    await expect(
      collectEvidence({ outDir: out, steps: [], commit, now: new Date(manifest.createdAt) }),
    ).rejects.toThrow(/exists already/);
  }, 300_000);
});
