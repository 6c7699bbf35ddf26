// Admission control of the application's images: Kyverno refuses, in the application's
// namespaces, any pod whose image from the project's repositories lacks a keyless cosign signature
// made by image.yml on main. The deploy path verifies the same identity before `pulumi up`
// (scripts/deploy-image.sh); this catches what does not take that path (kubectl, a changed
// manifest, a compromised deploy credential).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Chart } from "./charts.js";

/**
 * Kyverno 1.18.2 (chart 3.8.2, charts/kyverno/Chart.yaml at tag v1.18.2). The ClusterPolicy below
 * follows api/kyverno/v1/image_verification_types.go of that tag: verifyImages[] with
 * imageReferences, failureAction, repository (where signatures live), verifyDigest, required,
 * and attestors[].entries[].keyless {subject, issuer, rekor.url}.
 */
export const KYVERNO: Chart = {
  name: "kyverno",
  chart: "kyverno",
  version: "3.8.2",
  repository: "https://kyverno.github.io/kyverno/",
  namespace: "kyverno",
};

/** GitHub's OIDC issuer: the certificate of a keyless signature made in GitHub Actions names it. */
export const GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

/**
 * The identity in the certificate of a signature made by image.yml on main of this repository
 * (Fulcio puts the job's workflow ref, job_workflow_ref, in the certificate's SAN).
 */
export function signerIdentity(githubRepository: string) {
  return {
    subject: `https://github.com/${githubRepository}/.github/workflows/image.yml@refs/heads/main`,
    issuer: GITHUB_ACTIONS_ISSUER,
  };
}

export interface ImagePolicyInput {
  /** The namespaces where every pod's project image must be signed. */
  namespaces: string[];
  /** Image references (Kyverno wildcards) that must carry the signature. */
  images: string[];
  /** The repository image.yml signs in, where cosign stores the signatures. */
  signatures: string;
  githubRepository: string;
  /** infra/aws's role for the admission controller: it reads the pulled image's manifest in ECR. */
  verifierRoleArn: string;
}

/**
 * The admission controller's service account, named here because infra/aws's image-verifier role
 * trusts exactly kyverno/kyverno-admission-controller (workload-roles.ts).
 */
export const KYVERNO_SERVICE_ACCOUNT = "kyverno-admission-controller";

/** The ClusterPolicy, as plain data: kyverno.io/v1. */
export function imageSignaturePolicy(input: ImagePolicyInput) {
  const { subject, issuer } = signerIdentity(input.githubRepository);
  return {
    apiVersion: "kyverno.io/v1",
    kind: "ClusterPolicy",
    metadata: {
      name: "shortlinks-signed-images",
      annotations: {
        "policies.kyverno.io/description":
          "Images of the shortlinks repositories run only if image.yml on main signed their digest.",
      },
    },
    spec: {
      // An admission decision, not a report on existing pods.
      background: false,
      webhookTimeoutSeconds: 30,
      rules: [
        {
          name: "signed-by-main",
          match: { any: [{ resources: { kinds: ["Pod"], namespaces: input.namespaces } }] },
          verifyImages: [
            {
              imageReferences: input.images,
              failureAction: "Enforce",
              // The digest names content: a copy in ECR is the image signed in GHCR.
              repository: input.signatures,
              verifyDigest: true,
              required: true,
              attestors: [
                {
                  entries: [
                    {
                      keyless: { subject, issuer, rekor: { url: "https://rekor.sigstore.dev" } },
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

/** Kyverno, then the policy once its CRDs exist. */
export function installImagePolicy(
  provider: k8s.Provider,
  input: pulumi.Input<ImagePolicyInput>,
): { release: k8s.helm.v3.Release; policy: k8s.apiextensions.CustomResource } {
  const settings = pulumi.output(input);
  const namespace = new k8s.core.v1.Namespace(
    KYVERNO.namespace,
    { metadata: { name: KYVERNO.namespace } },
    { provider },
  );
  const release = new k8s.helm.v3.Release(
    KYVERNO.name,
    {
      name: KYVERNO.name,
      chart: KYVERNO.chart,
      version: KYVERNO.version,
      repositoryOpts: { repo: KYVERNO.repository },
      namespace: KYVERNO.namespace,
      // Three admission replicas: the webhook fails closed, so one pod down must not stop deploys.
      // The service account gets infra/aws's role (IRSA): Kyverno's "amazon" credential helper
      // (chart values registryClient.credentialHelpers, on by default) then reads ECR with it;
      // the nodes' role is out of a pod's reach (IMDS hop limit 1).
      values: settings.apply((s) => ({
        admissionController: {
          replicas: 3,
          rbac: {
            serviceAccount: {
              name: KYVERNO_SERVICE_ACCOUNT,
              annotations: { "eks.amazonaws.com/role-arn": s.verifierRoleArn },
            },
          },
        },
      })),
      atomic: true,
      cleanupOnFail: true,
      timeout: 900,
    },
    { provider, dependsOn: [namespace] },
  );
  // The images may be outputs of infra/aws (the environment's ECR repository).
  const manifest = settings.apply(imageSignaturePolicy);
  const policy = new k8s.apiextensions.CustomResource(
    "shortlinks-signed-images",
    {
      apiVersion: "kyverno.io/v1",
      kind: "ClusterPolicy",
      metadata: manifest.metadata,
      spec: manifest.spec,
    },
    { provider, dependsOn: [release] },
  );
  return { release, policy };
}
