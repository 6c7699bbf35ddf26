import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { StackContext } from "./context.js";

export const DATABASE_NAME = "shortlinks_db";
export const DATABASE_PORT = 5432;
/** The logs the instance sends to CloudWatch, each to `/aws/rds/instance/<identifier>/<log>`. */
export const DATABASE_LOG_EXPORTS = ["postgresql", "upgrade"];

/**
 * PostgreSQL on RDS in the isolated subnets: never public, encrypted with the stack's key, TLS
 * forced, automated backups, the master password generated and kept by RDS in Secrets Manager
 * (nobody types it, and it never enters Pulumi's state). Only the cluster's nodes may connect.
 */
export function createDatabase(
  ctx: StackContext,
  vpc: awsx.ec2.Vpc,
  key: aws.kms.Key,
  nodeSecurityGroupId: pulumi.Input<string>,
): aws.rds.Instance {
  const settings = ctx.config.database;

  const subnets = new aws.rds.SubnetGroup(
    ctx.name("db"),
    {
      description: "Isolated subnets: no route to or from the internet",
      subnetIds: vpc.isolatedSubnetIds,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  const securityGroup = new aws.ec2.SecurityGroup(
    ctx.name("db"),
    {
      description: "PostgreSQL from the EKS nodes only",
      vpcId: vpc.vpcId,
      tags: { ...ctx.tags, Name: ctx.name("db") },
    },
    { provider: ctx.provider },
  );
  new aws.vpc.SecurityGroupIngressRule(
    ctx.name("db-from-nodes"),
    {
      description: "PostgreSQL from the EKS nodes",
      securityGroupId: securityGroup.id,
      referencedSecurityGroupId: nodeSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: DATABASE_PORT,
      toPort: DATABASE_PORT,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  const parameters = new aws.rds.ParameterGroup(
    ctx.name("db"),
    {
      family: `postgres${settings.engineVersion}`,
      description: "TLS only; slow statements logged",
      parameters: [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: "500" },
        { name: "log_connections", value: "1" },
      ],
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  const identifier = ctx.name();
  // RDS would create these log groups itself on the first export, kept forever; created first,
  // they have the stack's retention (and a destroy removes them).
  const logGroups = DATABASE_LOG_EXPORTS.map(
    (log) =>
      new aws.cloudwatch.LogGroup(
        ctx.name(`db-logs-${log}`),
        {
          name: `/aws/rds/instance/${identifier}/${log}`,
          retentionInDays: ctx.config.cluster.logRetentionDays,
          tags: ctx.tags,
        },
        { provider: ctx.provider },
      ),
  );

  const protect = settings.deletionProtection;
  // A final snapshot's name must be new: a stack destroyed, re-created and destroyed again would
  // otherwise fail on the first one's snapshot, which is kept. The suffix is drawn once per
  // instance and kept in the state, so the name is stable while the instance lives.
  const snapshotSuffix = protect
    ? new random.RandomId(ctx.name("db-final-snapshot"), { byteLength: 4 }).hex
    : undefined;
  return new aws.rds.Instance(
    ctx.name("db"),
    {
      identifier,
      engine: "postgres",
      engineVersion: settings.engineVersion,
      instanceClass: settings.instanceClass,
      allocatedStorage: settings.allocatedStorageGb,
      maxAllocatedStorage: settings.maxAllocatedStorageGb,
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: key.arn,
      dbName: DATABASE_NAME,
      port: DATABASE_PORT,
      username: "shortlinks_admin",
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: key.arn,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [securityGroup.id],
      parameterGroupName: parameters.name,
      publiclyAccessible: false,
      multiAz: settings.multiAz,
      backupRetentionPeriod: settings.backupRetentionDays,
      backupWindow: "01:00-01:30",
      maintenanceWindow: "sun:02:30-sun:03:30",
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      deletionProtection: protect,
      // Outside dev, deleting the instance keeps a final snapshot.
      skipFinalSnapshot: !protect,
      ...(snapshotSuffix
        ? { finalSnapshotIdentifier: pulumi.interpolate`${identifier}-final-${snapshotSuffix}` }
        : {}),
      enabledCloudwatchLogsExports: DATABASE_LOG_EXPORTS,
      performanceInsightsEnabled: settings.performanceInsights,
      ...(settings.performanceInsights ? { performanceInsightsKmsKeyId: key.arn } : {}),
      iamDatabaseAuthenticationEnabled: true,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      tags: ctx.tags,
    },
    { provider: ctx.provider, dependsOn: logGroups },
  );
}
