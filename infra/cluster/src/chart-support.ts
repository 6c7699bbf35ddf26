// The Kubernetes versions each pinned chart supports, as its authors state them. Helm
// repositories are not reachable where this project is tested, so each range was read in the
// chart's own repository at the pinned tag (the `source` below); chart-support.test.ts holds every
// row against charts.ts and against the EKS version of every infra/aws stack file.
import type { CHARTS } from "./charts.js";

/** `min` and `max` are Kubernetes minor versions ("1.34"); no `max` means no upper bound stated. */
export interface KubernetesRange {
  min: string;
  max?: string;
}

export interface ChartSupport {
  /** The chart version the range was read for: a bump in charts.ts must revisit the row. */
  version: string;
  kubernetes: KubernetesRange;
  /** Where upstream states the range. */
  source: string;
}

/** Every chart the program installs: those of charts.ts, and Kyverno (image-policy.ts). */
export type InstalledChart = keyof typeof CHARTS | "kyverno";

export const CHART_SUPPORT: Record<InstalledChart, ChartSupport> = {
  // Chart.yaml `kubeVersion: '>=1.25.0-0'`; Traefik Proxy v3.7.11.
  traefik: {
    version: "41.3.0",
    kubernetes: { min: "1.25" },
    source: "https://github.com/traefik/traefik-helm-chart/blob/v41.3.0/traefik/Chart.yaml",
  },
  // "Currently supported releases": 1.21, Kubernetes 1.33 → 1.36 (cert-manager/website, content/docs/releases/README.md).
  certManager: {
    version: "v1.21.1",
    kubernetes: { min: "1.33", max: "1.36" },
    source: "https://cert-manager.io/docs/releases/#currently-supported-releases",
  },
  // "Supported Versions": ESO 2.6, Kubernetes 1.34-1.35 (docs/introduction/stability-support.md at helm-chart-2.6.0).
  externalSecrets: {
    version: "2.6.0",
    kubernetes: { min: "1.34", max: "1.35" },
    source:
      "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.6.0/docs/introduction/stability-support.md",
  },
  // Chart.yaml `kubeVersion: ">=1.25.0-0"` (prometheus-operator v0.83.0).
  kubePrometheusStack: {
    version: "75.6.0",
    kubernetes: { min: "1.25" },
    source:
      "https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-75.6.0/charts/kube-prometheus-stack/Chart.yaml",
  },
  // README "Compatibility matrix": Metrics Server 0.8.x (chart 3.13.0's appVersion), Kubernetes 1.31+.
  metricsServer: {
    version: "3.13.0",
    kubernetes: { min: "1.31" },
    source:
      "https://github.com/kubernetes-sigs/metrics-server/blob/metrics-server-helm-chart-3.13.0/README.md#compatibility-matrix",
  },
  // Chart.yaml `kubeVersion: ">=1.25.0-0"` (Loki 3.7.6).
  loki: {
    version: "18.11.0",
    kubernetes: { min: "1.25" },
    source:
      "https://github.com/grafana-community/helm-charts/blob/loki-18.11.0/charts/loki/Chart.yaml",
  },
  // Chart.yaml states no kubeVersion; the newest gate in its templates is policy/v1 (the
  // PodDisruptionBudget) from Kubernetes 1.21 (templates/_helpers.tpl at helm-chart/1.11.1).
  alloy: {
    version: "1.11.1",
    kubernetes: { min: "1.21" },
    source:
      "https://github.com/grafana/alloy/blob/helm-chart/1.11.1/operations/helm/charts/alloy/templates/_helpers.tpl",
  },
  // Kyverno 1.18 (chart 3.8.2): Kubernetes 1.33-1.35 in Kyverno's release table. Read from
  // endoflife.date's products/kyverno.md, which copies that table; the Kyverno site itself was not
  // reachable here.
  kyverno: {
    version: "3.8.2",
    kubernetes: { min: "1.33", max: "1.35" },
    source: "https://kyverno.io/docs/installation/releases/",
  },
};

const minor = (version: string) => {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`not a Kubernetes minor version: ${version}`);
  return Number(match[1]) * 1000 + Number(match[2]);
};

/** Whether Kubernetes `version` ("1.34") falls in `range`, bounds included. */
export function supports(range: KubernetesRange, version: string): boolean {
  const v = minor(version);
  return v >= minor(range.min) && (range.max === undefined || v <= minor(range.max));
}
