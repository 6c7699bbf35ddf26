// Pulumi entry point (Pulumi.yaml `main`): validate the stack's settings, build, export.
import { readStackConfig } from "./config.js";
import { createInfrastructure } from "./program.js";

const outputs = createInfrastructure(readStackConfig());

export const {
  environment,
  region,
  vpcId,
  vpcCidr,
  clusterName,
  kubeconfig,
  oidcProviderArn,
  databaseAddress,
  databasePort,
  databaseMasterSecretArn,
  databaseSecretNames,
  backupBucket,
  kmsKeyArn,
  backupRoleArn,
  externalSecretsRoleArn,
  imageVerifierRoleArn,
  registryUrl,
  logBucket,
  logStoreRoleArn,
  logRetentionDays,
  githubEnvironment,
  githubDeployRoleArn,
  githubInfraRoleArn,
  githubPreviewRoleArn,
  opsInstanceId,
  opsPrivateIp,
} = outputs;
