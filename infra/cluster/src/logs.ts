// Logs that outlive a pod (docs/adr/0012-log-store.md): Loki on the stack's S3 bucket, and Grafana
// Alloy shipping every container's output to it. values/loki.yaml and values/alloy.yaml hold what
// is the same everywhere; this file adds what comes from the infra/aws stack.
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import type { AwsStack } from "./aws-stack.js";
import { CHARTS } from "./charts.js";

type Values = Record<string, unknown>;

/** Loki's HTTP port (the chart's loki.server.http_listen_port). */
export const LOKI_PORT = 3100;

/** Where Alloy pushes and Grafana queries: the release's Service (Monolithic mode, no gateway). */
export const LOKI_URL = `http://${CHARTS.loki.name}.${CHARTS.loki.namespace}.svc.cluster.local:${String(LOKI_PORT)}`;

/** The cluster's Alloy configuration, kept with compose's in monitoring/alloy/. */
export const ALLOY_CONFIG_FILE = new URL(
  "../../../monitoring/alloy/kubernetes.alloy",
  import.meta.url,
);

/** Loki's retention period for infra/aws's `logs.retentionDays`, in hours as Loki writes them. */
export function retentionPeriod(days: number): string {
  return `${String(days * 24)}h`;
}

/** values/loki.yaml with the stack's bucket (chunks and ruler), region, IRSA role and retention. */
export function lokiValues(
  file: Values,
  aws: Pick<AwsStack, "region" | "logBucket" | "logStoreRoleArn" | "logRetentionDays">,
): pulumi.Output<Values> {
  const loki = (file.loki ?? {}) as Values;
  const storage = (loki.storage ?? {}) as Values;
  const serviceAccount = (file.serviceAccount ?? {}) as Values;
  return pulumi
    .all([aws.region, aws.logBucket, aws.logStoreRoleArn, aws.logRetentionDays])
    .apply(([region, bucket, roleArn, days]): Values => ({
      ...file,
      loki: {
        ...loki,
        storage: {
          ...storage,
          bucketNames: { chunks: bucket, ruler: bucket },
          // No keys: the pod's web identity token (IRSA) signs the requests; the bucket's default
          // encryption is the stack's key.
          s3: { region },
        },
        limits_config: { retention_period: retentionPeriod(days) },
      },
      serviceAccount: {
        ...serviceAccount,
        annotations: { "eks.amazonaws.com/role-arn": roleArn },
      },
    }));
}

/** values/alloy.yaml with monitoring/alloy/kubernetes.alloy as Alloy's configuration. */
export function alloyValues(file: Values): Values {
  const alloy = (file.alloy ?? {}) as Values;
  const configMap = (alloy.configMap ?? {}) as Values;
  return {
    ...file,
    alloy: {
      ...alloy,
      configMap: { ...configMap, content: readFileSync(ALLOY_CONFIG_FILE, "utf8") },
    },
  };
}
