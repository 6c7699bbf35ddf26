/** Tags that every taggable AWS resource must carry: who owns it, what pays for it. */
export const REQUIRED_TAGS = ["project", "environment", "owner", "cost-center"] as const;

/**
 * AWS resource types known to take tags. A resource whose props hold `tags` or `tagsAll` is also
 * checked, whatever its type; this list catches the ones created without any tag at all.
 */
export const TAGGABLE_TYPES = new Set([
  // Children of pulumi-eks 4.3.0 and awsx 3.x that take tags (infra/aws/src/component-children.ts):
  // a component that made one without tags and without the tagged provider fails the preview.
  "aws:cloudformation/stack:Stack",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/keyPair:KeyPair",
  "aws:ec2/placementGroup:PlacementGroup",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:eks/accessEntry:AccessEntry",
  "aws:eks/addon:Addon",
  "aws:eks/fargateProfile:FargateProfile",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:ec2/instance:Instance",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ecr/repository:Repository",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  "aws:iam/role:Role",
  "aws:kms/key:Key",
  "aws:rds/instance:Instance",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:s3/bucket:Bucket",
  "aws:secretsmanager/secret:Secret",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
]);
