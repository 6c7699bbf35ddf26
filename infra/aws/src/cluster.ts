import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import type * as awsx from "@pulumi/awsx";
import {
  createNetworkAddons,
  createWorkloadAddons,
  EBS_CSI_SERVICE_ACCOUNT,
} from "./cluster-addons.js";
import type { StackContext } from "./context.js";
import { serviceTrust } from "./iam-documents.js";
import { permissionsBoundary } from "./permissions-boundary.js";
import { createEbsCsiRole } from "./workload-roles.js";

const managedPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const accessPolicy = (name: string) => `arn:aws:eks::aws:cluster-access-policy/${name}`;

export const CLUSTER_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
];

export interface ClusterAccess {
  /** The ops server's role: cluster admin, the path into a private cluster. */
  adminRoleArn: aws.iam.Role["arn"];
  /** The GitHub infra role: `pulumi up` of infra/cluster (add-ons, then the app) after approval. */
  infraRoleArn: aws.iam.Role["arn"];
  /** The GitHub preview role: reads the cluster for pull requests' previews of infra/cluster. */
  previewRoleArn: aws.iam.Role["arn"];
}

/**
 * Where pull requests preview infra/cluster (.github/workflows/infra.yml, on that stack's CI
 * runner, ADR 0008): only there does the preview role need to read the cluster.
 */
export const CLUSTER_PREVIEW_ENVIRONMENTS: readonly string[] = ["staging"];

export interface Cluster {
  cluster: eks.Cluster;
  name: string;
  nodeGroup: aws.eks.NodeGroup;
  launchTemplate: aws.ec2.LaunchTemplate;
  addons: aws.eks.Addon[];
}

/**
 * EKS with a managed node group in the private subnets. Access is through EKS access entries (no
 * aws-auth ConfigMap); Kubernetes secrets are envelope-encrypted with the stack's KMS key; every
 * control-plane log type goes to CloudWatch, kept for the stack's retention.
 */
export function createCluster(
  ctx: StackContext,
  vpc: awsx.ec2.Vpc,
  key: aws.kms.Key,
  access: ClusterAccess,
): Cluster {
  const settings = ctx.config.cluster;
  const name = ctx.name();

  // EKS would create this log group itself, with no expiry; creating it first sets the retention.
  const logGroup = new aws.cloudwatch.LogGroup(
    ctx.name("eks-logs"),
    {
      name: `/aws/eks/${name}/cluster`,
      retentionInDays: settings.logRetentionDays,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  // The control plane's role, made here rather than by pulumi-eks so that it carries the boundary
  // like every role of the program (pulumi-eks 4.3.0 takes it as `serviceRole`).
  const clusterRole = new aws.iam.Role(
    ctx.name("cluster"),
    {
      assumeRolePolicy: serviceTrust("eks.amazonaws.com"),
      permissionsBoundary: permissionsBoundary(ctx).arn,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );
  const clusterPolicy = new aws.iam.RolePolicyAttachment(
    ctx.name("cluster"),
    { role: clusterRole.name, policyArn: managedPolicy("AmazonEKSClusterPolicy") },
    { provider: ctx.provider },
  );

  const cluster = new eks.Cluster(
    ctx.name("eks"),
    {
      name,
      serviceRole: clusterRole,
      version: settings.version,
      vpcId: vpc.vpcId,
      publicSubnetIds: vpc.publicSubnetIds,
      privateSubnetIds: vpc.privateSubnetIds,
      nodeAssociatePublicIpAddress: false,
      skipDefaultNodeGroup: true,
      // Managed nodes and the control plane then share the security group EKS creates; the
      // database and the ops server refer to that one group.
      skipDefaultSecurityGroups: true,
      authenticationMode: eks.AuthenticationMode.Api,
      endpointPrivateAccess: true,
      endpointPublicAccess: settings.endpointPublicAccess,
      ...(settings.endpointPublicAccess ? { publicAccessCidrs: settings.publicAccessCidrs } : {}),
      enabledClusterLogTypes: CLUSTER_LOG_TYPES,
      encryptionConfigKeyArn: key.arn,
      createOidcProvider: true,
      // The addons are this program's own aws.eks.Addon resources (cluster-addons.ts), where the
      // VPC CNI's configuration is visible and CoreDNS waits for the nodes. pulumi-eks 4.3.0 would
      // otherwise make its own vpc-cni and kube-proxy addons (cluster/cluster.ts), and two
      // resources would then manage the same addon.
      useDefaultVpcCni: true,
      kubeProxyAddonOptions: { enabled: false },
      corednsAddonOptions: { enabled: false },
      accessEntries: {
        ops: {
          principalArn: access.adminRoleArn,
          accessPolicies: {
            admin: {
              policyArn: accessPolicy("AmazonEKSClusterAdminPolicy"),
              accessScope: { type: "cluster" },
            },
          },
        },
        infra: {
          principalArn: access.infraRoleArn,
          accessPolicies: {
            admin: {
              policyArn: accessPolicy("AmazonEKSClusterAdminPolicy"),
              accessScope: { type: "cluster" },
            },
          },
        },
        ...(CLUSTER_PREVIEW_ENVIRONMENTS.includes(ctx.config.environment)
          ? {
              preview: {
                principalArn: access.previewRoleArn,
                accessPolicies: {
                  view: {
                    policyArn: accessPolicy("AmazonEKSViewPolicy"),
                    accessScope: { type: "cluster" },
                  },
                },
              },
            }
          : {}),
      },
      tags: ctx.tags,
    },
    { providers: { aws: ctx.provider }, dependsOn: [logGroup, clusterPolicy] },
  );

  const networkAddons = createNetworkAddons(ctx, cluster.eksCluster.name);

  const nodeRole = new aws.iam.Role(
    ctx.name("node"),
    {
      assumeRolePolicy: serviceTrust("ec2.amazonaws.com"),
      permissionsBoundary: permissionsBoundary(ctx).arn,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );
  for (const policy of [
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKS_CNI_Policy",
    "AmazonEC2ContainerRegistryReadOnly",
  ]) {
    new aws.iam.RolePolicyAttachment(
      `${ctx.name("node")}-${policy}`,
      {
        role: nodeRole.name,
        policyArn: managedPolicy(policy),
      },
      { provider: ctx.provider },
    );
  }

  const launchTemplate = new aws.ec2.LaunchTemplate(
    ctx.name("node"),
    {
      description: "EKS nodes: IMDSv2 only, encrypted root volume",
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        // One hop: pods cannot reach the node's metadata and borrow its role; they use IRSA.
        httpPutResponseHopLimit: 1,
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            encrypted: "true",
            volumeSize: 40,
            volumeType: "gp3",
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: [
        { resourceType: "instance", tags: ctx.tags },
        { resourceType: "volume", tags: ctx.tags },
      ],
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  const nodeGroup = new aws.eks.NodeGroup(
    ctx.name("nodes"),
    {
      clusterName: cluster.eksCluster.name,
      nodeRoleArn: nodeRole.arn,
      subnetIds: vpc.privateSubnetIds,
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      instanceTypes: settings.instanceTypes,
      scalingConfig: {
        minSize: settings.minSize,
        desiredSize: settings.desiredSize,
        maxSize: settings.maxSize,
      },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: {
        id: launchTemplate.id,
        version: launchTemplate.latestVersion.apply(String),
      },
      tags: ctx.tags,
    },
    { provider: ctx.provider, dependsOn: networkAddons },
  );

  const identity = { oidcProviderArn: cluster.oidcProviderArn, oidcIssuer: cluster.oidcIssuer };
  const ebsCsiRole = createEbsCsiRole(ctx, identity, EBS_CSI_SERVICE_ACCOUNT, key);
  const addons = [
    ...networkAddons,
    ...createWorkloadAddons(ctx, cluster.eksCluster.name, nodeGroup, ebsCsiRole.arn),
  ];

  return { cluster, name, nodeGroup, launchTemplate, addons };
}
