import { readFileSync } from "node:fs";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import type { StackContext } from "./context.js";
import { policyDocument, serviceTrust } from "./iam-documents.js";
import { permissionsBoundary } from "./permissions-boundary.js";
import { ANSIBLE_TARGET_TAG, createOpsConfiguration } from "./ops-configuration.js";

/** The first-boot script (SSM agent and Ansible only), a file so that shellcheck and tests see it. */
export const BOOTSTRAP_SCRIPT = new URL("../scripts/ops-bootstrap.sh", import.meta.url);

/** Debian's own account, which publishes the official Debian AMIs. */
const DEBIAN_AMI_OWNER = "136693071363";

export interface OpsServer {
  role: aws.iam.Role;
  securityGroup: aws.ec2.SecurityGroup;
  instance: aws.ec2.Instance;
  association: aws.ssm.Association;
}

/**
 * The user data: the settings the script needs, then the script itself, unchanged. A new script
 * replaces the instance (userDataReplaceOnChange); a new Ansible role does not: SSM applies it.
 */
export function opsUserData(settings: Record<string, string>): string {
  const script = readFileSync(BOOTSTRAP_SCRIPT, "utf8");
  const [shebang, ...body] = script.split("\n");
  const exports = Object.entries(settings).map(([name, value]) => `export ${name}='${value}'`);
  return [shebang, "# Settings written by infra/aws (ops-server.ts)", ...exports, ...body].join(
    "\n",
  );
}

/** The ops server's role, created first: the cluster grants it admin through an access entry. */
export function createOpsRole(ctx: StackContext): aws.iam.Role {
  const role = new aws.iam.Role(
    ctx.name("ops"),
    {
      name: ctx.name("ops"),
      assumeRolePolicy: serviceTrust("ec2.amazonaws.com"),
      permissionsBoundary: permissionsBoundary(ctx).arn,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );
  // Session Manager replaces SSH: access is an IAM permission, and every session is logged.
  new aws.iam.RolePolicyAttachment(
    ctx.name("ops-ssm"),
    {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    },
    { provider: ctx.provider },
  );
  return role;
}

/**
 * CP1's server: a Debian 12 instance in a private subnet with no SSH key and no inbound rule,
 * reached through SSM Session Manager, configured by the Ansible role of ansible/ops-server that a
 * State Manager association applies (ops-configuration.ts). It is also the way into the cluster
 * when its API endpoint is private.
 */
export function createOpsServer(
  ctx: StackContext,
  vpc: awsx.ec2.Vpc,
  role: aws.iam.Role,
  clusterName: string,
  playbookStore: { bucket: aws.s3.Bucket; key: aws.kms.Key },
): OpsServer {
  new aws.iam.RolePolicy(
    ctx.name("ops-eks"),
    {
      role: role.id,
      // Its own environment's cluster, no other.
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: "eks:DescribeCluster",
          Resource: pulumi.interpolate`arn:aws:eks:${ctx.region}:${ctx.account}:cluster/${clusterName}`,
        },
      ]),
    },
    { provider: ctx.provider },
  );
  const profile = new aws.iam.InstanceProfile(
    ctx.name("ops"),
    {
      name: ctx.name("ops"),
      role: role.name,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  const securityGroup = new aws.ec2.SecurityGroup(
    ctx.name("ops"),
    {
      description:
        "Ops server: no administrative inbound rule; outbound web for updates and AWS APIs",
      vpcId: vpc.vpcId,
      tags: { ...ctx.tags, Name: ctx.name("ops") },
    },
    { provider: ctx.provider },
  );
  for (const port of [80, 443]) {
    new aws.vpc.SecurityGroupEgressRule(
      ctx.name(`ops-out-${port}`),
      {
        description: port === 443 ? "HTTPS: AWS APIs, SSM" : "HTTP: Debian mirrors (signed)",
        securityGroupId: securityGroup.id,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        tags: ctx.tags,
      },
      { provider: ctx.provider },
    );
  }

  // The image named in the stack settings, exactly: "most recent" would replace the server
  // whenever Debian publishes an image. Zero or several matches stop the preview.
  const ami = aws.ec2.getAmiOutput(
    {
      owners: [DEBIAN_AMI_OWNER],
      filters: [
        { name: "name", values: [ctx.config.opsServer.ami] },
        { name: "architecture", values: ["x86_64"] },
      ],
    },
    { provider: ctx.provider },
  );

  const instance = new aws.ec2.Instance(
    ctx.name("ops"),
    {
      ami: ami.id,
      instanceType: ctx.config.opsServer.instanceType,
      subnetId: vpc.privateSubnetIds.apply((ids) => ids[0] ?? ""),
      vpcSecurityGroupIds: [securityGroup.id],
      associatePublicIpAddress: false,
      iamInstanceProfile: profile.name,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
      },
      rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 20 },
      monitoring: true,
      userData: ctx.region.apply((awsRegion) => opsUserData({ AWS_REGION: awsRegion })),
      userDataReplaceOnChange: true,
      // The tag the association targets: another instance with it gets the same configuration.
      tags: { ...ctx.tags, Name: ctx.name("ops"), [ANSIBLE_TARGET_TAG]: ctx.name("ops") },
      volumeTags: ctx.tags,
    },
    { provider: ctx.provider },
  );

  const { association } = createOpsConfiguration(
    ctx,
    role,
    playbookStore.bucket,
    playbookStore.key,
    clusterName,
  );

  return { role, securityGroup, instance, association };
}
