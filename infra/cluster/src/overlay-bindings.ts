// Binds a rendered AWS overlay (k8s/overlays/staging or prod) to one infra/aws stack: the
// committed overlays hold example values (account 123456789012, bucket names without the account
// suffix, a zero image digest); the deployed objects get the stack's real ones.
import type * as pulumi from "@pulumi/pulumi";

export interface OverlayBindings {
  /** The overlay's own environment (the namespace suffix and secret prefix it was written for). */
  overlayEnvironment: string;
  /** The environment the objects are deployed as (this stack's name, as infra/aws's). */
  environment: string;
  backupRoleArn: pulumi.Input<string>;
  backupBucket: pulumi.Input<string>;
  hostname: string;
  /** repository@sha256:digest: the image built on main and promoted by deploy.yml. */
  image: pulumi.Input<string>;
}

// The shapes of the few fields this touches; everything else passes through unchanged.
interface K8sObject {
  kind: string;
  metadata: {
    name: string;
    namespace?: pulumi.Input<string>;
    annotations?: Record<string, pulumi.Input<string>>;
  };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface Container {
  image?: pulumi.Input<string>;
  env?: { name: string; value?: pulumi.Input<string> }[];
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}
interface WorkloadSpec {
  template?: { spec?: PodSpec };
  jobTemplate?: { spec?: { template?: { spec?: PodSpec } } };
}

function podSpecOf(object: K8sObject): PodSpec | undefined {
  const spec = object.spec as WorkloadSpec | undefined;
  if (object.kind === "Deployment") return spec?.template?.spec;
  if (object.kind === "CronJob") return spec?.jobTemplate?.spec?.template?.spec;
  return undefined;
}

export function bindOverlayObject(object: K8sObject, bindings: OverlayBindings): void {
  const overlayNamespace = `shortlinks-${bindings.overlayEnvironment}`;
  const namespace = `shortlinks-${bindings.environment}`;

  if (object.kind === "Namespace" && object.metadata.name === overlayNamespace) {
    object.metadata.name = namespace;
  }
  if (object.metadata.namespace === overlayNamespace) {
    object.metadata.namespace = namespace;
  }

  if (object.kind === "ExternalSecret") {
    const data = (object.spec?.data ?? []) as { remoteRef: { key: string } }[];
    for (const item of data) {
      item.remoteRef.key = item.remoteRef.key.replace(
        `shortlinks/${bindings.overlayEnvironment}/`,
        `shortlinks/${bindings.environment}/`,
      );
    }
  }
  if (object.kind === "ServiceAccount" && object.metadata.name === "db-backup") {
    object.metadata.annotations = {
      ...object.metadata.annotations,
      "eks.amazonaws.com/role-arn": bindings.backupRoleArn,
    };
  }
  if (object.kind === "Ingress") {
    const spec = object.spec as { rules: { host: string }[]; tls: { hosts: string[] }[] };
    for (const rule of spec.rules) rule.host = bindings.hostname;
    for (const tls of spec.tls) tls.hosts = [bindings.hostname];
  }

  if (object.kind === "ConfigMap" && object.data?.UI_MESSAGE) {
    object.data.UI_MESSAGE = object.data.UI_MESSAGE.replace(
      `(${bindings.overlayEnvironment})`,
      `(${bindings.environment})`,
    );
  }

  const pod = podSpecOf(object);
  for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
    if (typeof container.image === "string" && container.image.includes("/shortlinks-api")) {
      container.image = bindings.image;
    }
    for (const variable of container.env ?? []) {
      if (variable.name === "BACKUP_BUCKET") variable.value = bindings.backupBucket;
    }
  }
}
