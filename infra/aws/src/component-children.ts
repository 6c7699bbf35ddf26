// The AWS resources the two components of this program create inside their own code. Under mocks
// a component creates no children, so this list, taken from the components' real sources, is how
// a test sees them. Each list is `git show <tag>:<file> | grep -o 'new aws\.[A-Za-z0-9.]*'`,
// deduplicated, as class paths of @pulumi/aws (the test turns them into type tokens).
//
// pulumi-eks: the installed @pulumi/eks is 4.3.0 (node_modules/@pulumi/eks/package.json); tag
// v4.3.0 = 0f5a544711cbcace44720e2d70f6702925a2ea4b of github.com/pulumi/pulumi-eks. The files are
// those eks.Cluster reaches (cluster.ts imports the others). Left out: the `aws.Provider` of
// cluster.ts, made only by ClusterCreationRoleProvider (`creationRoleProvider`), unused here.
//
// awsx: the installed @pulumi/awsx is 3.9.0, newer than the last tag of the stored snapshot of
// github.com/pulumi/pulumi-awsx, v3.8.0 = 3f19048c16e5e942cde97b1771a17f12a99b61d6; awsx/ec2/vpc.ts
// is unchanged from that tag to the snapshot's head (e60adf3c, 2026-08-20). Re-read it when
// upgrading either component.

export interface ComponentChildren {
  source: string;
  /** Source file (in the repository at that tag) → the `aws.` classes it instantiates. */
  files: Record<string, string[]>;
}

export const COMPONENT_CHILDREN: Record<string, ComponentChildren> = {
  "eks:index:Cluster": {
    source: "github.com/pulumi/pulumi-eks v4.3.0",
    files: {
      "nodejs/eks/cluster/cluster.ts": [
        "ec2.SecurityGroup",
        "ec2.SecurityGroupRule",
        "eks.Addon",
        "eks.Cluster",
        "eks.FargateProfile",
        "iam.InstanceProfile",
        "iam.OpenIdConnectProvider",
        "iam.Role",
        "iam.RolePolicy",
      ],
      "nodejs/eks/cluster/authenticationMode.ts": [
        "eks.AccessEntry",
        "eks.AccessPolicyAssociation",
      ],
      "nodejs/eks/addons/cni-addon.ts": ["eks.Addon"],
      "nodejs/eks/servicerole.ts": ["iam.Role", "iam.RolePolicyAttachment"],
      "nodejs/eks/nodes/securitygroup.ts": ["ec2.SecurityGroup", "ec2.SecurityGroupRule"],
      "nodejs/eks/nodes/nodegroup.ts": [
        "autoscaling.Group",
        "cloudformation.Stack",
        "ec2.KeyPair",
        "ec2.LaunchConfiguration",
        "ec2.LaunchTemplate",
        "ec2.PlacementGroup",
        "eks.NodeGroup",
      ],
    },
  },
  "awsx:ec2:Vpc": {
    source: "github.com/pulumi/pulumi-awsx v3.8.0",
    files: {
      "awsx/ec2/vpc.ts": [
        "ec2.Eip",
        "ec2.InternetGateway",
        "ec2.NatGateway",
        "ec2.Route",
        "ec2.RouteTable",
        "ec2.RouteTableAssociation",
        "ec2.SecurityGroup",
        "ec2.SecurityGroupRule",
        "ec2.Subnet",
        "ec2.Vpc",
        "ec2.VpcEndpoint",
      ],
    },
  },
};
