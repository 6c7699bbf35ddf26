import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AwsStack } from "./aws-stack.js";
import type { ClusterConfig } from "./config.js";
import { bindOverlayObject, type OverlayBindings } from "./overlay-bindings.js";

export const K8S_DIR = new URL("../../../k8s/", import.meta.url);

/**
 * The application as k8s/overlays/<appOverlay> describes it (rendered by kustomize, exactly what
 * `kubectl kustomize` prints), bound to this stack's AWS resources and image digest.
 */
export function deployApplication(
  config: ClusterConfig & { imageDigest: string },
  repository: pulumi.Input<string>,
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
    image: pulumi.interpolate`${repository}@${config.imageDigest}`,
  };
  return new k8s.kustomize.Directory(
    "shortlinks",
    {
      directory: new URL(`overlays/${config.appOverlay}`, K8S_DIR).pathname,
      transformations: applicationTransformations(bindings),
    },
    { provider, dependsOn },
  );
}

type Transformation = (
  object: Parameters<typeof bindOverlayObject>[0],
  opts: pulumi.CustomResourceOptions,
) => void;

/**
 * What the program does to each rendered object: bind it to the stack, and protect the
 * application's Namespace: deleting it deletes everything in it, so a `pulumi up` that drops the
 * application (or a `pulumi destroy`) stops there instead of emptying the environment.
 */
export function applicationTransformations(bindings: OverlayBindings): Transformation[] {
  return [
    (object) => {
      bindOverlayObject(object, bindings);
    },
    (object, opts) => {
      if (object.kind === "Namespace") opts.protect = true;
    },
  ];
}
