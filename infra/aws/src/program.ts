import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAppSecrets } from "./app-secrets.js";
import { createBackupBucket } from "./backup-bucket.js";
import { createCiRunner } from "./ci-runners.js";
import { createCluster } from "./cluster.js";
import type { StackConfig } from "./config.js";
import { createContext } from "./context.js";
import { createDatabase, DATABASE_PORT } from "./database.js";
import { createEncryptionKey } from "./encryption-key.js";
import { createGithubRoles, githubEnvironment } from "./github-roles.js";
import { createLogBucket } from "./log-bucket.js";
import { createNetwork } from "./network.js";
import { createOpsRole, createOpsServer } from "./ops-server.js";
import { createRegistry } from "./registry.js";
import {
  createBackupRole,
  createExternalSecretsRole,
  createImageVerifierRole,
  createLogStoreRole,
} from "./workload-roles.js";

/**
 * Everything one environment needs on AWS, in the order it is built. The returned values are the
 * stack outputs that infra/cluster reads through a StackReference and that the workflows use.
 */
export function createInfrastructure(config: StackConfig) {
  const ctx = createContext(config);

  const key = createEncryptionKey(ctx);
  const vpc = createNetwork(ctx);
  const registry = createRegistry(ctx, key);
  const backupBucket = createBackupBucket(ctx, key);
  const logBucket = createLogBucket(ctx, key);

  const clusterName = ctx.name();
  const opsRole = createOpsRole(ctx);
  const github = createGithubRoles(ctx, registry, clusterName);
  const { cluster } = createCluster(ctx, vpc, key, {
    adminRoleArn: opsRole.arn,
    infraRoleArn: github.infra.arn,
    previewRoleArn: github.preview.arn,
  });
  const clusterSecurityGroupId = cluster.clusterSecurityGroupId;

  const ops = createOpsServer(ctx, vpc, opsRole, clusterName, { bucket: backupBucket, key });
  // The private API endpoint answers the ops server, and nothing else outside the cluster.
  new aws.vpc.SecurityGroupIngressRule(
    ctx.name("eks-api-from-ops"),
    {
      description: "Kubernetes API from the ops server",
      securityGroupId: clusterSecurityGroupId,
      referencedSecurityGroupId: ops.securityGroup.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  // The one inbound rule of the ops server: Prometheus in the cluster scrapes node_exporter.
  new aws.vpc.SecurityGroupIngressRule(
    ctx.name("ops-metrics-from-cluster"),
    {
      description: "node_exporter, scraped from the cluster",
      securityGroupId: ops.securityGroup.id,
      referencedSecurityGroupId: clusterSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: 9100,
      toPort: 9100,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  // Where the workflows reach the Kubernetes API (docs/adr/0008): a runner in the private subnets.
  const ciRunner = createCiRunner(ctx, vpc, clusterSecurityGroupId);

  const database = createDatabase(ctx, vpc, key, clusterSecurityGroupId);
  const secrets = createAppSecrets(ctx, key, database);

  const identity = { oidcProviderArn: cluster.oidcProviderArn, oidcIssuer: cluster.oidcIssuer };
  const backupRole = createBackupRole(ctx, identity, backupBucket, key);
  const masterSecretArn = database.masterUserSecrets.apply((s) => s[0]?.secretArn ?? "");
  const externalSecretsRole = createExternalSecretsRole(
    ctx,
    identity,
    [secrets.arnPattern, masterSecretArn],
    key,
  );
  const imageVerifierRole = createImageVerifierRole(ctx, identity, registry);
  const logStoreRole = createLogStoreRole(ctx, identity, logBucket, key);

  return {
    environment: config.environment,
    region: ctx.region,
    vpcId: vpc.vpcId,
    vpcCidr: config.network.cidr,
    clusterName,
    kubeconfig: pulumi.secret(cluster.kubeconfigJson),
    oidcProviderArn: cluster.oidcProviderArn,
    databaseAddress: database.address,
    databasePort: DATABASE_PORT,
    databaseMasterSecretArn: masterSecretArn,
    databaseSecretNames: secrets.names,
    backupBucket: backupBucket.bucket,
    // The stack's KMS key: infra/cluster's default StorageClass encrypts EBS volumes with it.
    kmsKeyArn: key.arn,
    backupRoleArn: backupRole.arn,
    externalSecretsRoleArn: externalSecretsRole.arn,
    // Kyverno's admission controller reads image manifests in ECR with it (infra/cluster).
    imageVerifierRoleArn: imageVerifierRole.arn,
    registryUrl: registry.repositoryUrl,
    // Loki's bucket, its role and how long it keeps logs (infra/cluster's logs.ts).
    logBucket: logBucket.bucket,
    logStoreRoleArn: logStoreRole.arn,
    logRetentionDays: config.logs.retentionDays,
    githubEnvironment: githubEnvironment(ctx),
    githubDeployRoleArn: github.deploy.arn,
    githubInfraRoleArn: github.infra.arn,
    githubPreviewRoleArn: github.preview.arn,
    opsInstanceId: ops.instance.id,
    // infra/cluster's Prometheus scrapes the ops server's node_exporter at this address (9100).
    opsPrivateIp: ops.instance.privateIp,
    // The CodeBuild project whose runners the deploy jobs use (`runs-on: codebuild-<it>-...`).
    ciRunnerProject: ciRunner?.project.name,
  };
}

export type InfrastructureOutputs = ReturnType<typeof createInfrastructure>;
