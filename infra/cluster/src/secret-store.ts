import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** The name k8s/components/aws's ExternalSecrets refer to. */
export const SECRET_STORE = "aws-secrets-manager";

/**
 * AWS Secrets Manager as a secret store for the whole cluster. No credentials in it: the operator
 * uses its own IRSA role, which may read this environment's secrets only; and only the listed
 * namespaces may use the store at all.
 */
export function createSecretStore(
  provider: k8s.Provider,
  externalSecrets: k8s.helm.v3.Release,
  region: pulumi.Input<string>,
  namespaces: pulumi.Input<string>[],
): k8s.apiextensions.CustomResource {
  return new k8s.apiextensions.CustomResource(
    SECRET_STORE,
    {
      apiVersion: "external-secrets.io/v1",
      kind: "ClusterSecretStore",
      metadata: { name: SECRET_STORE },
      spec: {
        provider: { aws: { service: "SecretsManager", region } },
        conditions: [{ namespaces }],
      },
    },
    { provider, dependsOn: [externalSecrets] },
  );
}
