import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import type * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";

export const DATABASE_NAME = "shortlinks";
export const DATABASE_PORT = 5432;

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

  const subnets = new aws.rds.SubnetGroup(ctx.name("db"), {
    description: "Isolated subnets: no route to or from the internet",
    subnetIds: vpc.isolatedSubnetIds,
    tags: ctx.tags,
  });

  const securityGroup = new aws.ec2.SecurityGroup(ctx.name("db"), {
    description: "PostgreSQL from the EKS nodes only",
    vpcId: vpc.vpcId,
    tags: { ...ctx.tags, Name: ctx.name("db") },
  });
  new aws.vpc.SecurityGroupIngressRule(ctx.name("db-from-nodes"), {
    description: "PostgreSQL from the EKS nodes",
    securityGroupId: securityGroup.id,
    referencedSecurityGroupId: nodeSecurityGroupId,
    ipProtocol: "tcp",
    fromPort: DATABASE_PORT,
    toPort: DATABASE_PORT,
    tags: ctx.tags,
  });

  const parameters = new aws.rds.ParameterGroup(ctx.name("db"), {
    family: `postgres${settings.engineVersion}`,
    description: "TLS only; slow statements logged",
    parameters: [
      { name: "rds.force_ssl", value: "1" },
      { name: "log_min_duration_statement", value: "500" },
      { name: "log_connections", value: "1" },
    ],
    tags: ctx.tags,
  });

  const protect = settings.deletionProtection;
  return new aws.rds.Instance(ctx.name("db"), {
    identifier: ctx.name(),
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
    ...(protect ? { finalSnapshotIdentifier: `${ctx.name()}-final` } : {}),
    enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    performanceInsightsEnabled: settings.performanceInsights,
    ...(settings.performanceInsights ? { performanceInsightsKmsKeyId: key.arn } : {}),
    iamDatabaseAuthenticationEnabled: true,
    caCertIdentifier: "rds-ca-rsa2048-g1",
    tags: ctx.tags,
  });
}
