// Which image the application runs: repository and digest.
import * as pulumi from "@pulumi/pulumi";
import type { AwsStack } from "./aws-stack.js";
import type { ClusterConfig } from "./config.js";

/** The stack output that carries the digest in effect from one `pulumi up` to the next. */
export const DIGEST_OUTPUT = "imageDigest";

/**
 * The digest the last update of this very stack deployed, or undefined on the first run.
 *
 * Why a StackReference to the stack itself rather than reading the live Deployment
 * (`k8s.apps.v1.Deployment.get`): `.get` fails the whole preview when the Deployment does not exist
 * (first run, or after a namespace was deleted by hand) and needs the cluster's API at preview
 * time, while the stack's own last outputs are there with the state, empty on the first run, and
 * are exactly what the previous `pulumi up` decided. The program exports the digest it used
 * (`imageDigest`), so an update without the setting (infra.yml, a laptop's `pulumi up`) keeps the
 * application on the digest deploy.yml last promoted instead of deleting it.
 */
export async function previousImageDigest(): Promise<string | undefined> {
  const self = new pulumi.StackReference("previous-outputs", {
    name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
  });
  const value: unknown = (await self.getOutputDetails(DIGEST_OUTPUT)).value;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The digest to deploy: the setting when deploy.yml sets it, else the one already running. */
export function chooseDigest(
  configured: string | undefined,
  previous: string | undefined,
): { digest: string | undefined; from: "setting" | "previous update" | "none" } {
  if (configured !== undefined) return { digest: configured, from: "setting" };
  if (previous !== undefined) return { digest: previous, from: "previous update" };
  return { digest: undefined, from: "none" };
}

/**
 * The repository the nodes pull from: the stack's own ECR repository (infra/aws's registryUrl,
 * where image.yml copies each digest built on main), unless the `imageRepository` setting names
 * another. The nodes' role may pull from that ECR repository; they have no credentials for GHCR.
 */
export function imageRepository(config: ClusterConfig, aws: AwsStack): pulumi.Output<string> {
  return config.imageRepository === undefined
    ? aws.registryUrl
    : pulumi.output(config.imageRepository);
}
