// Test support: runs this program for one stack under Pulumi's mocks. The infra/aws outputs come
// from a mocked StackReference; the provider's kustomize invoke is the real `kubectl kustomize`.
import { existsSync, readFileSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import {
  recordRegistrations,
  runUnderMocks,
  type Registration,
} from "@fil-rouge/infra-policies/mock-runtime";
import { renderKustomization } from "@fil-rouge/k8s/manifests";
import { PROJECT, readAlertingSecrets, readClusterConfig } from "./config.js";
import { createClusterPlatform } from "./program.js";
import { readStackFile } from "./stack-files.js";

export const ACCOUNT = "210987654321";
export const DIGEST = `sha256:${"ab".repeat(32)}`;

/** infra/aws's `logs.retentionDays` for an environment, read from its stack file (3 elsewhere). */
function awsLogRetentionDays(environment: string): number {
  const file = new URL(`../../aws/Pulumi.${environment}.yaml`, import.meta.url);
  if (!existsSync(file)) return 3;
  const settings = parse(readFileSync(file, "utf8")) as {
    config: Record<string, { retentionDays?: number } | undefined>;
  };
  return settings.config["shortlinks-aws:logs"]?.retentionDays ?? 3;
}

/** infra/aws's outputs for an environment, as its own tests see them (shape of program.ts). */
export function awsOutputs(environment: string) {
  return {
    environment,
    region: "eu-west-3",
    kubeconfig: JSON.stringify({ apiVersion: "v1", kind: "Config", clusters: [] }),
    databaseAddress: `shortlinks-${environment}.abcdefghijkl.eu-west-3.rds.amazonaws.com`,
    databaseMasterSecretArn: `arn:aws:secretsmanager:eu-west-3:${ACCOUNT}:secret:rds!db-0123`,
    databaseSecretNames: {
      database: `shortlinks/${environment}/database`,
      databaseOwner: `shortlinks/${environment}/database-owner`,
      apiToken: `shortlinks/${environment}/api-token`,
    },
    backupBucket: `shortlinks-${environment}-db-backups-${ACCOUNT}`,
    backupRoleArn: `arn:aws:iam::${ACCOUNT}:role/shortlinks-${environment}-db-backup`,
    externalSecretsRoleArn: `arn:aws:iam::${ACCOUNT}:role/shortlinks-${environment}-external-secrets`,
    imageVerifierRoleArn: `arn:aws:iam::${ACCOUNT}:role/shortlinks-${environment}-image-verifier`,
    opsPrivateIp: "10.0.3.21",
    kmsKeyArn: `arn:aws:kms:eu-west-3:${ACCOUNT}:key/0123abcd-0123-4567-89ab-0123456789ab`,
    registryUrl: `${ACCOUNT}.dkr.ecr.eu-west-3.amazonaws.com/shortlinks-${environment}/api`,
    logBucket: `shortlinks-${environment}-logs-${ACCOUNT}`,
    logStoreRoleArn: `arn:aws:iam::${ACCOUNT}:role/shortlinks-${environment}-loki`,
    logRetentionDays: awsLogRetentionDays(environment),
  };
}

/**
 * Runs the program for `stack`; `previousOutputs` are the outputs of this stack's last update, as
 * its StackReference to itself reads them (none: the first run).
 */
export async function runClusterStack(
  stack: string,
  override: Record<string, unknown> = {},
  awsEnvironment = stack,
  previousOutputs: Record<string, unknown> = {},
) {
  const outputs = (args: pulumi.runtime.MockResourceArgs): Record<string, unknown> => {
    if (args.type === "pulumi:pulumi:StackReference") {
      const name = (args.inputs as { name: string }).name;
      return {
        outputs: name.includes(`/${PROJECT}/`) ? previousOutputs : awsOutputs(awsEnvironment),
      };
    }
    if (args.type === "random:index/randomPassword:RandomPassword")
      return { result: `generated-${args.name}` };
    return {};
  };
  const call = (args: pulumi.runtime.MockCallArgs): Record<string, unknown> => {
    if (args.token === "kubernetes:kustomize:directory") {
      return { result: renderKustomization((args.inputs as { directory: string }).directory) };
    }
    throw new Error(`No mock for the provider function ${args.token}`);
  };
  const config = {
    ...readStackFile(stack),
    [`${PROJECT}:smtpPassword`]: "smtp-secret-for-tests",
    [`${PROJECT}:oncallToken`]: "oncall-secret-for-tests",
    ...override,
  };
  let registrations: Registration[] = [];
  const run = await runUnderMocks({ project: PROJECT, stack, config, outputs, call }, () => {
    registrations = recordRegistrations();
    return createClusterPlatform(readClusterConfig(), stack, readAlertingSecrets());
  });
  return { ...run, registrations };
}

export type ClusterRun = Awaited<ReturnType<typeof runClusterStack>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
export type Props = Record<string, any>;

/** The inputs of the one resource of this type and name; throws unless there is exactly one. */
export function oneResource(run: ClusterRun, type: string, name: string): Props {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  const [first] = found;
  if (found.length !== 1 || !first) {
    throw new Error(`expected one ${type} named ${name}, found ${String(found.length)}`);
  }
  return first.props;
}
