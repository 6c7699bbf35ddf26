import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** The cluster's default StorageClass: what Prometheus' volume claim names (values/). */
export const STORAGE_CLASS = "gp3-encrypted";

/**
 * EBS gp3 volumes encrypted with the stack's KMS key, made by the EBS CSI driver (the
 * aws-ebs-csi-driver addon infra/aws installs, whose role may use that key), marked default: EKS
 * 1.30 and later mark no class default, so a claim without a class would wait forever.
 * WaitForFirstConsumer creates the volume in the zone of the node the pod is scheduled on (an EBS
 * volume cannot move between zones).
 */
export function createStorageClass(
  provider: k8s.Provider,
  kmsKeyArn: pulumi.Input<string>,
): k8s.storage.v1.StorageClass {
  return new k8s.storage.v1.StorageClass(
    STORAGE_CLASS,
    {
      metadata: {
        name: STORAGE_CLASS,
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      // Parameters of aws-ebs-csi-driver (docs/parameters.md): type, encrypted, kmsKeyId.
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: kmsKeyArn },
      volumeBindingMode: "WaitForFirstConsumer",
      reclaimPolicy: "Delete",
      allowVolumeExpansion: true,
    },
    { provider },
  );
}
