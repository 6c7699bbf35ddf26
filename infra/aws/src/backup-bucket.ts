import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { policyDocument } from "./iam-documents.js";

/**
 * Where the nightly pg_dump of k8s/components/aws/backup-cronjob.yaml lands: private, versioned
 * (an overwrite or delete keeps the previous dump), encrypted with the stack's key, reachable only
 * over TLS, moved to colder storage and finally expired.
 */
export function createBackupBucket(ctx: StackContext, key: aws.kms.Key): aws.s3.Bucket {
  const { backups } = ctx.config;
  const bucket = new aws.s3.Bucket(
    ctx.name("db-backups"),
    {
      // Bucket names are global: the account id keeps two forks from colliding.
      bucket: pulumi.interpolate`${ctx.name("db-backups")}-${ctx.account}`,
      forceDestroy: ctx.config.environment === "dev",
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  new aws.s3.BucketPublicAccessBlock(
    ctx.name("db-backups"),
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    { provider: ctx.provider },
  );
  new aws.s3.BucketOwnershipControls(
    ctx.name("db-backups"),
    {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    },
    { provider: ctx.provider },
  );
  new aws.s3.BucketVersioning(
    ctx.name("db-backups"),
    {
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    },
    { provider: ctx.provider },
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    ctx.name("db-backups"),
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    },
    { provider: ctx.provider },
  );
  new aws.s3.BucketLifecycleConfiguration(
    ctx.name("db-backups"),
    {
      bucket: bucket.id,
      rules: [
        {
          id: "dumps",
          status: "Enabled",
          filter: { prefix: "postgres/" },
          transitions: [{ days: backups.coldAfterDays, storageClass: "GLACIER_IR" }],
          expiration: { days: backups.expireDays },
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
        {
          id: "abandoned-uploads",
          status: "Enabled",
          filter: {},
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    { provider: ctx.provider },
  );
  const objects = pulumi.interpolate`${bucket.arn}/*`;
  new aws.s3.BucketPolicy(
    ctx.name("db-backups"),
    {
      bucket: bucket.id,
      policy: policyDocument([
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucket.arn, objects],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        // Dumps are encrypted with the stack's key and no other. An upload that sends no
        // encryption header gets the bucket's default (that key); these refuse the ones that ask
        // for something else: AES256, another KMS key, or `aws:kms` without a key id, which S3
        // takes to mean the AWS managed key aws/s3 (outside the stack's key policy and rotation).
        {
          Sid: "DenyEncryptionOtherThanKms",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: objects,
          // A negated operator also holds when the header is absent: Null keeps those out.
          Condition: {
            StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
            Null: { "s3:x-amz-server-side-encryption": "false" },
          },
        },
        {
          Sid: "DenyOtherKmsKey",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: objects,
          Condition: {
            StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": key.arn },
            Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
          },
        },
        {
          Sid: "DenyAwsManagedKey",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: objects,
          Condition: {
            StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
            Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
          },
        },
      ]),
    },
    { provider: ctx.provider },
  );
  return bucket;
}
