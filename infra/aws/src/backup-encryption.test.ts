// Issue 14, item 6: database dumps are encrypted with the stack's KMS key, not the AWS managed
// key. Two halves, held against each other: the bucket policy (under mocks, per stack) and the
// arguments the real uploads pass to `aws s3 cp` (backup.sh run with stand-ins for pg_dump and
// aws, and the backup CronJob's upload container). Today's `--sse aws:kms` must be refused.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { runStack } from "./program-under-mocks.js";
import { STACKS } from "./stack-files.js";

const BACKUP_SCRIPT = new URL("../../../k8s/components/aws/backup.sh", import.meta.url);
const CRONJOB = new URL("../../../k8s/components/aws/backup-cronjob.yaml", import.meta.url);
const SSE = "s3:x-amz-server-side-encryption";
const SSE_KEY = "s3:x-amz-server-side-encryption-aws-kms-key-id";

/**
 * The request context of the PutObject that `aws s3 cp` makes with these arguments: AWS CLI v2
 * sends `--sse` as x-amz-server-side-encryption and `--sse-kms-key-id` as
 * x-amz-server-side-encryption-aws-kms-key-id, and nothing when they are absent. Over TLS.
 */
function putContext(args: string[]): Record<string, string> {
  const context: Record<string, string> = { "aws:SecureTransport": "true" };
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const sse = value("--sse");
  const key = value("--sse-kms-key-id");
  if (sse) context[SSE] = sse;
  if (key) context[SSE_KEY] = key;
  return context;
}

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const glob = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(value);

/** IAM's condition operators, as far as the bucket policy uses them; anything else is an error. */
function conditionHolds(
  operator: string,
  key: string,
  expected: string[],
  context: Record<string, string>,
) {
  const actual = context[key];
  switch (operator) {
    case "Bool":
    case "StringEquals":
      return actual !== undefined && expected.includes(actual);
    // Negated operators hold when the key is absent (IAM's condition rules), as do the IfExists
    // forms; the policy must add a Null check to leave requests without the header alone.
    case "StringNotEquals":
    case "StringNotEqualsIfExists":
      return actual === undefined || !expected.includes(actual);
    case "Null":
      return expected.includes(String(actual === undefined));
    default:
      throw new Error(`the test does not evaluate the condition operator ${operator}`);
  }
}

/** The Sids of the policy's Deny statements that apply to s3:PutObject of this object. */
function denials(policy: string, object: string, context: Record<string, string>): string[] {
  const statements = JSON.parse(policy).Statement as Statement[];
  return statements
    .filter((s) => s.Effect === "Deny")
    .filter((s) => list(s.Action).some((a) => glob(a, "s3:PutObject")))
    .filter((s) => list(s.Resource).some((r) => glob(r, object)))
    .filter((s) =>
      Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
        Object.entries(keys).every(([key, expected]) =>
          conditionHolds(operator, key, list(expected), context),
        ),
      ),
    )
    .map((s) => s.Sid);
}

/** Runs backup.sh with pg_dump and aws replaced by recorders; returns each `aws` call's arguments. */
function backupScriptUploads(): string[][] {
  const dir = mkdtempSync(join(tmpdir(), "backup-upload-"));
  const bin = join(dir, "bin");
  const calls = join(dir, "aws-calls");
  execFileSync("mkdir", ["-p", bin]);
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub("pg_dump", 'for a in "$@"; do case $a in --file=*) echo dump > "${a#--file=}";; esac; done');
  // One line per call, arguments separated by tabs.
  stub("aws", `(IFS=$'\\t'; echo "$*") >> '${calls}'`);
  execFileSync("bash", [fileURLToPath(BACKUP_SCRIPT), join(dir, "out")], {
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      DATABASE_URL: "postgres://backup@db.invalid/shortlinks_db",
      BACKUP_BUCKET: "the-bucket",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return readFileSync(calls, "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split("\t"));
}

/** The arguments of the backup CronJob's upload container. */
function cronJobUpload(): string[] {
  const documents = parseAllDocuments(readFileSync(CRONJOB, "utf8")).map((d) => d.toJS());
  const cronJob = documents.find((d) => d?.kind === "CronJob");
  const containers = cronJob.spec.jobTemplate.spec.template.spec.containers as {
    name: string;
    command: string[];
    args: string[];
  }[];
  const upload = containers.find((c) => c.name === "upload")!;
  expect(upload.command).toEqual(["aws"]);
  return upload.args;
}

describe("the uploads of database dumps", () => {
  it("backup.sh copies the dump and its checksum with `aws s3 cp` and no encryption override", () => {
    const uploads = backupScriptUploads();
    expect(uploads).toHaveLength(2);
    for (const args of uploads) {
      expect(args.slice(0, 2)).toEqual(["s3", "cp"]);
      expect(args[3]).toBe("s3://the-bucket/postgres/");
      expect(putContext(args)).toEqual({ "aws:SecureTransport": "true" });
    }
  });

  it("the CronJob's upload container sends no encryption override either", () => {
    const args = cronJobUpload();
    expect(args.slice(0, 2)).toEqual(["s3", "cp"]);
    expect(putContext(args)).toEqual({ "aws:SecureTransport": "true" });
  });
});

describe.each(STACKS)(
  "stack %s: the backup bucket takes dumps under the stack's key only",
  (stack) => {
    let policy: string;
    let keyArn: string;
    let object: string;
    beforeAll(async () => {
      const run = await runStack(stack);
      policy = String(
        run.resources.find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy")!.props.policy,
      );
      keyArn = String(run.resources.find((r) => r.type === "aws:kms/key:Key")!.props.arn);
      object = `arn:aws:s3:::shortlinks-${stack}-db-backups-123456789012/postgres/shortlinks-20261129T010000Z.dump`;
    });

    it("admits the uploads backup.sh and the CronJob make (the bucket default, the stack's key)", () => {
      for (const args of [...backupScriptUploads(), cronJobUpload()]) {
        expect(denials(policy, object, putContext(args))).toEqual([]);
      }
      expect(
        denials(policy, object, putContext(["--sse", "aws:kms", "--sse-kms-key-id", keyArn])),
      ).toEqual([]);
    });

    it("refuses the AWS managed key (today's `--sse aws:kms`), another key, AES256, and plain HTTP", () => {
      expect(denials(policy, object, putContext(["--sse", "aws:kms"]))).toEqual([
        "DenyAwsManagedKey",
      ]);
      const otherKey = "arn:aws:kms:eu-west-3:123456789012:key/another";
      expect(
        denials(policy, object, putContext(["--sse", "aws:kms", "--sse-kms-key-id", otherKey])),
      ).toEqual(["DenyOtherKmsKey"]);
      expect(denials(policy, object, putContext(["--sse", "AES256"]))).toEqual([
        "DenyEncryptionOtherThanKms",
      ]);
      expect(denials(policy, object, { "aws:SecureTransport": "false" })).toEqual([
        "DenyInsecureTransport",
      ]);
    });
  },
);
