import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { AwsStack } from "./aws-stack.js";
import type { ClusterConfig } from "./config.js";
import { bindOverlayObject } from "./overlay-bindings.js";

export const K8S_DIR = new URL("../../../k8s/", import.meta.url);

/**
 * The application as k8s/overlays/<appOverlay> describes it (rendered by kustomize, exactly what
 * `kubectl kustomize` prints), bound to this stack's AWS resources and image digest.
 */
export function deployApplication(
  config: ClusterConfig & { imageDigest: string },
  environment: string,
  provider: k8s.Provider,
  aws: AwsStack,
  dependsOn: pulumi.Resource[],
): k8s.kustomize.Directory {
  const bindings = {
    overlayEnvironment: config.appOverlay,
    environment,
    backupRoleArn: aws.backupRoleArn,
    backupBucket: aws.backupBucket,
    hostname: config.hostname,
    image: `${config.imageRepository}@${config.imageDigest}`,
  };
  return new k8s.kustomize.Directory(
    "shortlinks",
    {
      directory: new URL(`overlays/${config.appOverlay}`, K8S_DIR).pathname,
      transformations: [
        (object: Parameters<typeof bindOverlayObject>[0]) => {
          bindOverlayObject(object, bindings);
        },
      ],
    },
    { provider, dependsOn },
  );
}
