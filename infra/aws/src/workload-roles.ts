import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { policyDocument, webIdentityTrust, type Statement } from "./iam-documents.js";

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
  const role = new aws.iam.Role(ctx.name(suffix), {
    name: ctx.name(suffix),
    assumeRolePolicy: webIdentityTrust(identity.oidcProviderArn, identity.oidcIssuer, [
      `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
    ]),
    tags: ctx.tags,
  });
  new aws.iam.RolePolicy(ctx.name(suffix), { role: role.id, policy: policyDocument(statements) });
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
