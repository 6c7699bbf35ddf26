import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { policyDocument } from "./iam-documents.js";

type LifecycleRules = aws.s3.BucketLifecycleConfigurationArgs["rules"];

/**
 * A bucket of this environment as every one must be (infra/policies checks it): private, owned by
 * the account, encrypted with the stack's key and no other, reachable only over TLS, with the
 * lifecycle rules given. Named `shortlinks-<environment>-<suffix>-<account>`: the permissions
 * boundary (iam-boundary.ts) lets the environment's roles reach `shortlinks-<environment>-*`.
 */
export function createPrivateBucket(
  ctx: StackContext,
  key: aws.kms.Key,
  suffix: string,
  options: { versioned: boolean; lifecycleRules: LifecycleRules },
): aws.s3.Bucket {
  const name = ctx.name(suffix);
  const bucket = new aws.s3.Bucket(
    name,
    {
      // Bucket names are global: the account id keeps two forks from colliding.
      bucket: pulumi.interpolate`${name}-${ctx.account}`,
      forceDestroy: ctx.config.environment === "dev",
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  new aws.s3.BucketPublicAccessBlock(
    name,
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
    name,
    {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    },
    { provider: ctx.provider },
  );
  if (options.versioned) {
    new aws.s3.BucketVersioning(
      name,
      {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
      },
      { provider: ctx.provider },
    );
  }
  new aws.s3.BucketServerSideEncryptionConfiguration(
    name,
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
    name,
    { bucket: bucket.id, rules: options.lifecycleRules },
    { provider: ctx.provider },
  );
  const objects = pulumi.interpolate`${bucket.arn}/*`;
  new aws.s3.BucketPolicy(
    name,
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
        // Objects are encrypted with the stack's key and no other. An upload that sends no
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
