import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { policyDocument, webIdentityTrust, type Statement } from "./iam-documents.js";
import { permissionsBoundary } from "./permissions-boundary.js";

/** The cluster's OIDC identity, which service accounts present to AWS (IRSA). */
export interface ClusterIdentity {
  oidcProviderArn: pulumi.Input<string>;
  oidcIssuer: pulumi.Input<string>;
}

/** A role that exactly one Kubernetes service account may assume, with an inline policy. */
function serviceAccountRole(
  ctx: StackContext,
  suffix: string,
  identity: ClusterIdentity,
  serviceAccount: { namespace: string; name: string },
  statements: Statement[],
): aws.iam.Role {
  const role = new aws.iam.Role(
    ctx.name(suffix),
    {
      name: ctx.name(suffix),
      assumeRolePolicy: webIdentityTrust(identity.oidcProviderArn, identity.oidcIssuer, [
        `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
      ]),
      permissionsBoundary: permissionsBoundary(ctx).arn,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );
  new aws.iam.RolePolicy(
    ctx.name(suffix),
    { role: role.id, policy: policyDocument(statements) },
    { provider: ctx.provider },
  );
  return role;
}

/** The backup CronJob's role (k8s/components/aws): write dumps to the bucket, nothing else. */
export function createBackupRole(
  ctx: StackContext,
  identity: ClusterIdentity,
  bucket: aws.s3.Bucket,
  key: aws.kms.Key,
): aws.iam.Role {
  return serviceAccountRole(
    ctx,
    "db-backup",
    identity,
    { namespace: `shortlinks-${ctx.config.environment}`, name: "db-backup" },
    [
      {
        Sid: "WriteDumps",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
        Resource: pulumi.interpolate`${bucket.arn}/postgres/*`,
      },
      {
        Sid: "EncryptDumps",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: key.arn,
      },
    ],
  );
}

/** Where infra/cluster installs Loki: its service account (the chart's, named after the release). */
export const LOKI_SERVICE_ACCOUNT = { namespace: "loki", name: "loki" };

/**
 * Loki's role (infra/cluster/src/logs.ts): read, write and delete its objects in the log bucket
 * (the compactor deletes chunks past the retention), list that bucket, and use the stack's key for
 * them. Nothing else: not the backup bucket.
 */
export function createLogStoreRole(
  ctx: StackContext,
  identity: ClusterIdentity,
  bucket: aws.s3.Bucket,
  key: aws.kms.Key,
): aws.iam.Role {
  return serviceAccountRole(ctx, "loki", identity, LOKI_SERVICE_ACCOUNT, [
    {
      Sid: "ListLogBucket",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucket.arn,
    },
    {
      Sid: "ReadWriteLogObjects",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
      Resource: pulumi.interpolate`${bucket.arn}/*`,
    },
    {
      Sid: "EncryptLogObjects",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: key.arn,
    },
  ]);
}

/**
 * External Secrets Operator's role: read this environment's secrets (the application's, and the
 * RDS master secret for the db-roles Job of infra/cluster), nothing else.
 */
export function createExternalSecretsRole(
  ctx: StackContext,
  identity: ClusterIdentity,
  secretArns: pulumi.Input<string>[],
  key: aws.kms.Key,
): aws.iam.Role {
  return serviceAccountRole(
    ctx,
    "external-secrets",
    identity,
    { namespace: "external-secrets", name: "external-secrets" },
    [
      {
        Sid: "ReadEnvironmentSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: secretArns,
      },
      { Sid: "DecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn },
    ],
  );
}

/**
 * Kyverno's admission controller (infra/cluster's image-policy.ts, service account
 * kyverno/kyverno-admission-controller): it reads the manifest of the image a pod names in the
 * environment's ECR to check its signature. Read-only, that repository only.
 */
export function createImageVerifierRole(
  ctx: StackContext,
  identity: ClusterIdentity,
  repository: aws.ecr.Repository,
): aws.iam.Role {
  return serviceAccountRole(
    ctx,
    "image-verifier",
    identity,
    { namespace: "kyverno", name: "kyverno-admission-controller" },
    [
      {
        Sid: "RegistryLogin",
        Effect: "Allow",
        Action: "ecr:GetAuthorizationToken",
        Resource: "*",
      },
      {
        Sid: "ReadApiImageManifests",
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"],
        Resource: repository.arn,
      },
    ],
  );
}

/** The AWS managed policy of the EBS CSI driver (create, attach, snapshot and delete volumes). */
export const EBS_CSI_MANAGED_POLICY =
  "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

/**
 * The EBS CSI controller's role (the `aws-ebs-csi-driver` addon). The managed policy covers the
 * EC2 calls; volumes are encrypted with the stack's key (the StorageClass of infra/cluster names
 * it), so the role may also use that key, and that key only. Grants are how EC2 uses the key for
 * an attached volume, hence CreateGrant limited to grants for AWS resources (the statement AWS
 * documents for a customer-managed key in the driver's IAM set-up).
 */
export function createEbsCsiRole(
  ctx: StackContext,
  identity: ClusterIdentity,
  serviceAccount: { namespace: string; name: string },
  key: aws.kms.Key,
): aws.iam.Role {
  const role = serviceAccountRole(ctx, "ebs-csi", identity, serviceAccount, [
    {
      Sid: "GrantVolumeKeyToEc2",
      Effect: "Allow",
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: key.arn,
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
    {
      Sid: "UseVolumeKey",
      Effect: "Allow",
      Action: [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:DescribeKey",
      ],
      Resource: key.arn,
    },
  ]);
  new aws.iam.RolePolicyAttachment(
    ctx.name("ebs-csi"),
    { role: role.name, policyArn: EBS_CSI_MANAGED_POLICY },
    { provider: ctx.provider },
  );
  return role;
}
