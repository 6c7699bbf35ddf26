import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installAddons } from "./addons.js";
import { deployApplication } from "./application.js";
import { chooseDigest, imageRepository, previousImageDigest } from "./application-image.js";
import { readAwsStack } from "./aws-stack.js";
import { createClusterIssuer } from "./cluster-issuer.js";
import type { ClusterConfig } from "./config.js";
import { createDatabaseRolesJob, DB_ADMIN_NAMESPACE } from "./database-roles.js";
import { installImagePolicy } from "./image-policy.js";
import { createSecretStore } from "./secret-store.js";

/** Refuses a cluster stack that builds on another environment's AWS stack. */
export function assertSameEnvironment(
  awsStack: string,
  awsEnvironment: string,
  environment: string,
) {
  if (awsEnvironment !== environment) {
    throw new Error(
      `awsStack ${awsStack} is the ${awsEnvironment} environment, this stack is ${environment}`,
    );
  }
}

/**
 * What runs on the EKS cluster of the infra/aws stack of the same environment, in order: the
 * add-ons, the certificate issuer and secret store, the database roles, then the application.
 * `previousDigest` is the digest the stack's last update deployed (application-image.ts).
 */
export async function createClusterPlatform(
  config: ClusterConfig,
  environment: string,
  alerting: { smtpPassword: pulumi.Output<string>; oncallToken: pulumi.Output<string> },
  previousDigest: Promise<string | undefined> = previousImageDigest(),
) {
  const aws = readAwsStack(config.awsStack);
  // The kubeconfig only resolves for the AWS stack of this environment: pointed at another one,
  // the provider fails before any object is sent to the wrong cluster.
  const provider = new k8s.Provider("eks", {
    kubeconfig: pulumi
      .all([aws.environment, aws.kubeconfig])
      .apply(([awsEnvironment, kubeconfig]) => {
        assertSameEnvironment(config.awsStack, awsEnvironment, environment);
        return kubeconfig;
      }),
    enableServerSideApply: true,
  });
  const addons = installAddons(provider, aws, alerting, {
    environment,
    alertDestinations: {
      smtpSmarthost: config.alertSmtpSmarthost,
      smtpFrom: config.alertSmtpFrom,
      webhookUrl: config.alertWebhookUrl,
    },
  });
  const issuer = createClusterIssuer(config, provider, addons.certManager);
  const appNamespace = `shortlinks-${environment}`;
  const secretStore = createSecretStore(provider, addons.externalSecrets, aws.region, [
    appNamespace,
    DB_ADMIN_NAMESPACE,
  ]);
  const databaseRoles = createDatabaseRolesJob(provider, aws, secretStore);

  // Without the setting, the digest already running stays: an update of the add-ons alone must
  // not delete the application.
  const { digest: imageDigest, from } = chooseDigest(config.imageDigest, await previousDigest);
  if (imageDigest === undefined) {
    void pulumi.log.info(
      "No imageDigest set and none deployed yet: add-ons only. deploy.yml sets it after building on main.",
    );
  } else if (from === "previous update") {
    void pulumi.log.info(`No imageDigest set: keeping ${imageDigest}, the one running now.`);
  }
  const repository = imageRepository(config, aws);
  // Before the application: its pods are admitted only with image.yml's signature.
  const owner = config.githubRepository.split("/")[0]?.toLowerCase() ?? "";
  const signedRepository = `ghcr.io/${owner}/shortlinks-api`;
  const imagePolicy = installImagePolicy(
    provider,
    pulumi.all([repository, aws.imageVerifierRoleArn]).apply(([pulled, verifierRoleArn]) => ({
      namespaces: [appNamespace],
      images: [`${pulled}*`, `${signedRepository}*`],
      signatures: signedRepository,
      githubRepository: config.githubRepository,
      verifierRoleArn,
    })),
  );
  const application =
    imageDigest === undefined
      ? undefined
      : deployApplication({ ...config, imageDigest }, repository, environment, provider, aws, [
          addons.traefik,
          addons.kubePrometheusStack,
          issuer,
          secretStore,
          databaseRoles,
          imagePolicy.policy,
        ]);

  return {
    environment,
    appNamespace,
    hostname: config.hostname,
    image: imageDigest === undefined ? "" : pulumi.interpolate`${repository}@${imageDigest}`,
    imageDigest: imageDigest ?? "",
    applicationObjects:
      application?.resources.apply((resources) => Object.keys(resources).length) ?? 0,
  };
}
