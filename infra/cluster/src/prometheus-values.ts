// kube-prometheus-stack's values: values/kube-prometheus-stack.yaml, plus what depends on the
// stack (Alertmanager's destinations, the ops server's address).
import * as pulumi from "@pulumi/pulumi";
import { alertmanagerConfigForCluster, type AlertDestinations } from "./alertmanager-config.js";

type Values = Record<string, unknown>;

/** node_exporter's port on the ops server (infra/aws opens it to the cluster's security group). */
export const NODE_EXPORTER_PORT = 9100;

/**
 * A scrape job for the ops server's node_exporter, at its private address: it is no pod or
 * Service, so no ServiceMonitor can find it (prometheusSpec.additionalScrapeConfigs takes plain
 * Prometheus scrape configs).
 */
export function opsServerScrapeConfig(privateIp: string, environment: string) {
  return {
    job_name: "ops-server-node",
    static_configs: [
      {
        targets: [`${privateIp}:${NODE_EXPORTER_PORT}`],
        labels: { environment, instance_role: "ops-server" },
      },
    ],
  };
}

export function kubePrometheusStackValues(
  file: Values,
  destinations: AlertDestinations,
  ops: { privateIp: pulumi.Input<string>; environment: string },
): pulumi.Output<Values> {
  const prometheus = (file.prometheus ?? {}) as Values;
  const spec = (prometheus.prometheusSpec ?? {}) as Values;
  return pulumi.output(ops.privateIp).apply((privateIp): Values => ({
    ...file,
    prometheus: {
      ...prometheus,
      prometheusSpec: {
        ...spec,
        additionalScrapeConfigs: [opsServerScrapeConfig(privateIp, ops.environment)],
      },
    },
    alertmanager: {
      ...(file.alertmanager as Values),
      config: alertmanagerConfigForCluster(destinations),
    },
  }));
}
