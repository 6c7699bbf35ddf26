// Pulumi entry point (Pulumi.yaml `main`): validate the stack's settings, install, export.
import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENTS, readAlertingSecrets, readClusterConfig } from "./config.js";
import { createClusterPlatform } from "./program.js";

const environment = pulumi.getStack();
if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
  throw new Error(`The stack must be named ${ENVIRONMENTS.join(", ")} (it is ${environment})`);
}

export const { appNamespace, hostname, image, imageDigest, applicationObjects } =
  await createClusterPlatform(readClusterConfig(), environment, readAlertingSecrets());
