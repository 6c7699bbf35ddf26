import * as pulumi from "@pulumi/pulumi";

/** What infra/aws exports and this program uses (infra/aws/src/program.ts). */
export interface AwsStack {
  environment: pulumi.Output<string>;
  region: pulumi.Output<string>;
  kubeconfig: pulumi.Output<string>;
  databaseAddress: pulumi.Output<string>;
  databaseMasterSecretArn: pulumi.Output<string>;
  databaseSecretNames: pulumi.Output<{ database: string; databaseOwner: string; apiToken: string }>;
  backupBucket: pulumi.Output<string>;
  backupRoleArn: pulumi.Output<string>;
  externalSecretsRoleArn: pulumi.Output<string>;
  /** Kyverno's admission controller reads image manifests in the environment's ECR with it. */
  imageVerifierRoleArn: pulumi.Output<string>;
  /** The environment's ECR repository, where image.yml copies each digest built on main. */
  registryUrl: pulumi.Output<string>;
  /** The stack's KMS key: EBS volumes of the default StorageClass are encrypted with it. */
  kmsKeyArn: pulumi.Output<string>;
  /** The ops server's private address: Prometheus scrapes its node_exporter there. */
  opsPrivateIp: pulumi.Output<string>;
  /** Loki's bucket, the IRSA role of its service account, and how many days it keeps logs. */
  logBucket: pulumi.Output<string>;
  logStoreRoleArn: pulumi.Output<string>;
  logRetentionDays: pulumi.Output<number>;
}

/** Reads the infra/aws stack's outputs; a missing one stops the preview with its name. */
export function readAwsStack(name: string): AwsStack {
  const stack = new pulumi.StackReference(name);
  const output = <T>(key: string) => stack.requireOutput(key) as pulumi.Output<T>;
  return {
    environment: output("environment"),
    region: output("region"),
    kubeconfig: pulumi.secret(output<string>("kubeconfig")),
    databaseAddress: output("databaseAddress"),
    databaseMasterSecretArn: output("databaseMasterSecretArn"),
    databaseSecretNames: output("databaseSecretNames"),
    backupBucket: output("backupBucket"),
    backupRoleArn: output("backupRoleArn"),
    externalSecretsRoleArn: output("externalSecretsRoleArn"),
    imageVerifierRoleArn: output("imageVerifierRoleArn"),
    registryUrl: output("registryUrl"),
    kmsKeyArn: output("kmsKeyArn"),
    opsPrivateIp: output("opsPrivateIp"),
    logBucket: output("logBucket"),
    logStoreRoleArn: output("logStoreRoleArn"),
    logRetentionDays: output("logRetentionDays"),
  };
}
