import * as k8s from "@pulumi/kubernetes";
import { valuesFile } from "./addons.js";
import type { ClusterConfig } from "./config.js";

/** The name k8s/base/ingress.yaml asks for (cert-manager.io/cluster-issuer: letsencrypt). */
export const CLUSTER_ISSUER = "letsencrypt";

const ACME_SERVERS = {
  staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
  production: "https://acme-v02.api.letsencrypt.org/directory",
} as const;

/** The IngressClass the Traefik chart creates (values/traefik.yaml, ingressClass.name). */
export function ingressClassName(): string {
  const name = (valuesFile("traefik").ingressClass as { name?: unknown } | undefined)?.name;
  if (typeof name !== "string" || name === "") {
    throw new Error("values/traefik.yaml must name its IngressClass (ingressClass.name)");
  }
  return name;
}

/** Let's Encrypt certificates for every Ingress, proven over HTTP-01 through Traefik. */
export function createClusterIssuer(
  config: ClusterConfig,
  provider: k8s.Provider,
  certManager: k8s.helm.v3.Release,
): k8s.apiextensions.CustomResource {
  return new k8s.apiextensions.CustomResource(
    CLUSTER_ISSUER,
    {
      apiVersion: "cert-manager.io/v1",
      kind: "ClusterIssuer",
      metadata: { name: CLUSTER_ISSUER },
      spec: {
        acme: {
          server: ACME_SERVERS[config.letsEncrypt],
          email: config.acmeEmail,
          privateKeySecretRef: { name: "letsencrypt-account-key" },
          solvers: [{ http01: { ingress: { ingressClassName: ingressClassName() } } }],
        },
      },
    },
    { provider, dependsOn: [certManager] },
  );
}
