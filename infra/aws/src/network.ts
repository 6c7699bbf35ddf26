import * as awsx from "@pulumi/awsx";
import type { StackContext } from "./context.js";

/**
 * VPC over three availability zones. Public subnets hold only the load balancers and NAT
 * gateways; the nodes and the ops server live in private subnets (outbound through NAT); the
 * database lives in isolated subnets with no route to the internet at all.
 */
export function createNetwork(ctx: StackContext): awsx.ec2.Vpc {
  const { network } = ctx.config;
  return new awsx.ec2.Vpc(
    ctx.name("vpc"),
    {
      cidrBlock: network.cidr,
      numberOfAvailabilityZones: network.availabilityZones,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      natGateways: { strategy: network.natGateways },
      subnetStrategy: "Auto",
      subnetSpecs: [
        // The tags tell the AWS load balancer integration where to place internet-facing and
        // internal load balancers.
        { type: "Public", cidrMask: 22, tags: { ...ctx.tags, "kubernetes.io/role/elb": "1" } },
        {
          type: "Private",
          cidrMask: 19,
          tags: { ...ctx.tags, "kubernetes.io/role/internal-elb": "1" },
        },
        { type: "Isolated", cidrMask: 24, tags: ctx.tags },
      ],
      tags: { ...ctx.tags, Name: ctx.name() },
    },
    { providers: { aws: ctx.provider } },
  );
}
