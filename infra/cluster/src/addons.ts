import { readFileSync } from "node:fs";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { parse } from "yaml";
import type { AlertDestinations } from "./alertmanager-config.js";
import type { AwsStack } from "./aws-stack.js";
import { CHARTS, type Chart } from "./charts.js";
import { alloyValues, lokiValues } from "./logs.js";
import { kubePrometheusStackValues } from "./prometheus-values.js";
import { createStorageClass } from "./storage-class.js";

type Values = Record<string, unknown>;

/** values/<release>.yaml, parsed. */
export function valuesFile(release: string): Values {
  return parse(
    readFileSync(new URL(`../values/${release}.yaml`, import.meta.url), "utf8"),
  ) as Values;
}

export interface Addons {
  traefik: k8s.helm.v3.Release;
  certManager: k8s.helm.v3.Release;
  externalSecrets: k8s.helm.v3.Release;
  kubePrometheusStack: k8s.helm.v3.Release;
  metricsServer: k8s.helm.v3.Release;
  loki: k8s.helm.v3.Release;
  alloy: k8s.helm.v3.Release;
}

/**
 * The cluster's add-ons: ingress, certificates, secrets from AWS and the supervision stack. Each
 * release is atomic: a failed upgrade rolls back instead of leaving a half-installed chart.
 */
export function installAddons(
  provider: k8s.Provider,
  aws: AwsStack,
  alerting: { smtpPassword: pulumi.Output<string>; oncallToken: pulumi.Output<string> },
  settings: { environment: string; alertDestinations: AlertDestinations },
): Addons {
  const namespaces = Object.fromEntries(
    Object.values(CHARTS).map((chart) => [
      chart.namespace,
      new k8s.core.v1.Namespace(
        chart.namespace,
        { metadata: { name: chart.namespace } },
        { provider },
      ),
    ]),
  );
  const release = (chart: Chart, values: pulumi.Input<Values>, dependsOn: pulumi.Resource[] = []) =>
    new k8s.helm.v3.Release(
      chart.name,
      {
        name: chart.name,
        chart: chart.chart,
        version: chart.version,
        repositoryOpts: { repo: chart.repository },
        namespace: chart.namespace,
        values,
        atomic: true,
        cleanupOnFail: true,
        timeout: 900,
      },
      { provider, dependsOn: [...Object.values(namespaces), ...dependsOn] },
    );

  // The Secrets Grafana and Alertmanager read exist before the chart that mounts them.
  const monitoring = CHARTS.kubePrometheusStack.namespace;
  const secretOptions = { provider, dependsOn: Object.values(namespaces) };
  const grafanaPassword = new random.RandomPassword("grafana-admin", {
    length: 32,
    special: false,
  });
  const secrets = [
    new k8s.core.v1.Secret(
      "grafana-admin",
      {
        metadata: { name: "grafana-admin", namespace: monitoring },
        stringData: { "admin-user": "admin", "admin-password": grafanaPassword.result },
      },
      secretOptions,
    ),
    new k8s.core.v1.Secret(
      "alertmanager-secrets",
      {
        metadata: { name: "alertmanager-secrets", namespace: monitoring },
        stringData: {
          "smtp-password": alerting.smtpPassword,
          "oncall-token": alerting.oncallToken,
        },
      },
      secretOptions,
    ),
  ];
  // Prometheus first: the other charts create ServiceMonitors, which need its CRDs. Its volume
  // claim names the default StorageClass, which must exist before it.
  const storageClass = createStorageClass(provider, aws.kmsKeyArn);
  const kubePrometheusStack = release(
    CHARTS.kubePrometheusStack,
    kubePrometheusStackValues(valuesFile("kube-prometheus-stack"), settings.alertDestinations, {
      privateIp: aws.opsPrivateIp,
      environment: settings.environment,
    }),
    [...secrets, storageClass],
  );

  const traefik = release(CHARTS.traefik, valuesFile("traefik"), [kubePrometheusStack]);
  const certManager = release(CHARTS.certManager, valuesFile("cert-manager"), [
    kubePrometheusStack,
  ]);
  const externalSecrets = release(
    CHARTS.externalSecrets,
    aws.externalSecretsRoleArn.apply((roleArn) => {
      const values = valuesFile("external-secrets");
      return {
        ...values,
        serviceAccount: {
          ...(values.serviceAccount as Values),
          annotations: { "eks.amazonaws.com/role-arn": roleArn },
        },
      };
    }),
    [kubePrometheusStack],
  );
  // What the HorizontalPodAutoscaler reads; nothing depends on Prometheus here.
  const metricsServer = release(CHARTS.metricsServer, valuesFile("metrics-server"));
  // Logs (logs.ts): Loki's volume claim names the default StorageClass; Alloy pushes to Loki.
  const loki = release(CHARTS.loki, lokiValues(valuesFile("loki"), aws), [
    storageClass,
    kubePrometheusStack,
  ]);
  const alloy = release(CHARTS.alloy, alloyValues(valuesFile("alloy")), [loki]);
  return { traefik, certManager, externalSecrets, kubePrometheusStack, metricsServer, loki, alloy };
}
