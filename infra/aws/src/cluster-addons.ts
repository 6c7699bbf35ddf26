import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";

/**
 * The VPC CNI's configuration (the addon's `configurationValues`). `enableNetworkPolicy` turns on
 * the network policy agent in aws-node and the controller EKS runs for it, so the NetworkPolicies
 * of k8s/ are enforced (without it they are accepted and ignored). The schema takes the string
 * "true", as pulumi-eks 4.3.0 writes it (nodejs/eks/addons/cni-addon.ts, mergeConfigurationValues).
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" };

/** The service account the EBS CSI controller runs as (the addon creates it in kube-system). */
export const EBS_CSI_SERVICE_ACCOUNT = { namespace: "kube-system", name: "ebs-csi-controller-sa" };

function addon(
  ctx: StackContext,
  clusterName: pulumi.Input<string>,
  addonName: string,
  extra: Partial<aws.eks.AddonArgs>,
  dependsOn: pulumi.Resource[],
): aws.eks.Addon {
  return new aws.eks.Addon(
    ctx.name(addonName),
    {
      clusterName,
      addonName,
      // EKS installs self-managed vpc-cni, kube-proxy and CoreDNS with the cluster; OVERWRITE lets
      // the managed addon take them over (pulumi-eks does the same for its own addons).
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      tags: ctx.tags,
      ...extra,
    },
    { provider: ctx.provider, dependsOn },
  );
}

/**
 * Pod networking, before any node exists: a node only becomes Ready once the CNI runs on it, and
 * a managed node group whose nodes never become Ready fails to create.
 */
export function createNetworkAddons(
  ctx: StackContext,
  clusterName: pulumi.Input<string>,
): aws.eks.Addon[] {
  return [
    addon(
      ctx,
      clusterName,
      "vpc-cni",
      { configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION) },
      [],
    ),
    addon(ctx, clusterName, "kube-proxy", {}, []),
  ];
}

/**
 * What needs nodes to run on: CoreDNS (a Deployment: created before any node, the addon stays
 * DEGRADED and its creation times out) and the EBS CSI driver, which provisions the volumes of
 * Prometheus and Alertmanager. The driver's controller assumes `ebsCsiRoleArn` through IRSA.
 */
export function createWorkloadAddons(
  ctx: StackContext,
  clusterName: pulumi.Input<string>,
  nodeGroup: aws.eks.NodeGroup,
  ebsCsiRoleArn: pulumi.Input<string>,
): aws.eks.Addon[] {
  return [
    addon(ctx, clusterName, "coredns", {}, [nodeGroup]),
    addon(ctx, clusterName, "aws-ebs-csi-driver", { serviceAccountRoleArn: ebsCsiRoleArn }, [
      nodeGroup,
    ]),
  ];
}
