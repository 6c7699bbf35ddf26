// The cluster's add-ons: each a Helm chart at a pinned version, with its values in values/, and
// the Kubernetes versions it supports in chart-support.ts. Renovate proposes bumps
// (.github/renovate.json5, a custom manager reads each `chart`/`version`/`repository` below); read
// the chart's changelog and update its chart-support.ts row in the same pull request.
export interface Chart {
  name: string;
  chart: string;
  version: string;
  repository: string;
  namespace: string;
}

export const CHARTS = {
  // The ingress controller (docs/adr/0010-ingress-controller.md).
  traefik: {
    name: "traefik",
    chart: "traefik",
    version: "41.3.0",
    repository: "https://traefik.github.io/charts",
    namespace: "traefik",
  },
  certManager: {
    name: "cert-manager",
    chart: "cert-manager",
    version: "v1.21.1",
    repository: "https://charts.jetstack.io",
    namespace: "cert-manager",
  },
  externalSecrets: {
    name: "external-secrets",
    chart: "external-secrets",
    version: "2.6.0",
    repository: "https://charts.external-secrets.io",
    namespace: "external-secrets",
  },
  // The release name is what k8s/base's ServiceMonitor and the generated PrometheusRule select
  // with their `release: kube-prometheus-stack` label.
  kubePrometheusStack: {
    name: "kube-prometheus-stack",
    chart: "kube-prometheus-stack",
    version: "75.6.0",
    repository: "https://prometheus-community.github.io/helm-charts",
    namespace: "monitoring",
  },
  // The resource metrics API (metrics.k8s.io) the HorizontalPodAutoscaler reads; EKS installs
  // none. Chart 3.13.0 is metrics-server 0.8.0 (its Chart.yaml appVersion); the project's
  // compatibility matrix (README) gives 0.8.x for Kubernetes 1.31+, so 1.34 included.
  metricsServer: {
    name: "metrics-server",
    chart: "metrics-server",
    version: "3.13.0",
    repository: "https://kubernetes-sigs.github.io/metrics-server/",
    namespace: "metrics-server",
  },
  // The log store (docs/adr/0012-log-store.md). Grafana Labs moved the OSS chart to the
  // grafana-community repository in March 2026; chart 18.11.0 is Loki 3.7.6 (its appVersion),
  // the version compose.yaml runs. The release name is the Service Alloy and Grafana call (logs.ts).
  loki: {
    name: "loki",
    chart: "loki",
    version: "18.11.0",
    repository: "https://grafana-community.github.io/helm-charts",
    namespace: "loki",
  },
  // The log shipper: chart 1.11.1 is Alloy v1.18.1, as in compose.yaml.
  alloy: {
    name: "alloy",
    chart: "alloy",
    version: "1.11.1",
    repository: "https://grafana.github.io/helm-charts",
    namespace: "alloy",
  },
} as const satisfies Record<string, Chart>;
