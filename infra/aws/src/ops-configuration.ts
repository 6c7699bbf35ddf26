import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { ansibleExtraVariables } from "./ansible-extra-variables.js";
import { policyDocument } from "./iam-documents.js";

/** The playbook and its role (ansible/ops-server): uploaded as one zip, run by SSM. */
export const PLAYBOOK_DIR = fileURLToPath(new URL("../ansible/ops-server", import.meta.url));
export const PLAYBOOK_FILE = "playbook.yml";

/** AWS's own document: downloads the playbook, unzips it, runs ansible-playbook locally. */
export const APPLY_ANSIBLE_DOCUMENT = "AWS-ApplyAnsiblePlaybooks";

/** The instance tag the association targets: every instance that carries it gets the role. */
export const ANSIBLE_TARGET_TAG = "ansible-playbook";

/** State Manager runs the playbook again this often: drift is corrected, not just reported. */
export const ANSIBLE_SCHEDULE = "rate(30 minutes)";

/** A digest of every file under a folder (paths and contents), stable across machines. */
export function folderDigest(dir: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dir, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export interface OpsConfiguration {
  archive: aws.s3.BucketObjectv2;
  association: aws.ssm.Association;
}

/**
 * CP1 at fleet scale: the ops server's role is published to the stack's bucket as a zip named
 * after its content, and a State Manager association applies it through the SSM agent, with no
 * SSH, to every instance tagged for it, at creation and then on schedule. A changed role is a new
 * object, hence new association parameters, hence an immediate run everywhere.
 */
export function createOpsConfiguration(
  ctx: StackContext,
  role: aws.iam.Role,
  bucket: aws.s3.Bucket,
  key: aws.kms.Key,
  clusterName: string,
): OpsConfiguration {
  const objectKey = `ops/ansible/ops-server-${folderDigest(PLAYBOOK_DIR).slice(0, 16)}.zip`;
  const archive = new aws.s3.BucketObjectv2(
    ctx.name("ops-playbook"),
    {
      bucket: bucket.id,
      key: objectKey,
      source: new pulumi.asset.FileArchive(PLAYBOOK_DIR),
      contentType: "application/zip",
      // Said explicitly: the bucket refuses uploads that ask for any other encryption.
      serverSideEncryption: "aws:kms",
      kmsKeyId: key.arn,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  // The instance reads that one object, and decrypts it only through S3.
  new aws.iam.RolePolicy(
    ctx.name("ops-playbook"),
    {
      role: role.id,
      policy: policyDocument([
        {
          Sid: "ReadPlaybook",
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: pulumi.interpolate`${bucket.arn}/${objectKey}`,
        },
        {
          Sid: "DecryptPlaybook",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: key.arn,
          Condition: {
            StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${ctx.region}.amazonaws.com` },
          },
        },
      ]),
    },
    { provider: ctx.provider },
  );

  const association = new aws.ssm.Association(
    ctx.name("ops-playbook"),
    {
      name: APPLY_ANSIBLE_DOCUMENT,
      associationName: ctx.name("ops-playbook"),
      targets: [{ key: `tag:${ANSIBLE_TARGET_TAG}`, values: [ctx.name("ops")] }],
      scheduleExpression: ANSIBLE_SCHEDULE,
      // One failed server stops the rollout to the others; failures show in Compliance.
      maxConcurrency: "25%",
      maxErrors: "1",
      complianceSeverity: "HIGH",
      parameters: {
        SourceType: "S3",
        SourceInfo: pulumi.jsonStringify({
          path: pulumi.interpolate`https://s3.${ctx.region}.amazonaws.com/${bucket.bucket}/${objectKey}`,
        }),
        // cloud-init installs Ansible from Debian (scripts/ops-bootstrap.sh); the document would
        // otherwise install it with pip.
        InstallDependencies: "False",
        PlaybookFile: PLAYBOOK_FILE,
        ExtraVariables: ctx.region.apply((region) =>
          ansibleExtraVariables({
            ops_server_target: "ec2",
            ops_server_vpc_cidr: ctx.config.network.cidr,
            ops_server_aws_region: region,
            ops_server_cluster_name: clusterName,
            ops_server_kubernetes_minor: ctx.config.cluster.version,
          }),
        ),
        Check: "False",
      },
      tags: ctx.tags,
    },
    { provider: ctx.provider, dependsOn: [archive] },
  );

  return { archive, association };
}
