import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { refersTo } from "../resource-links.js";

const OPEN = new Set(["0.0.0.0/0", "::/0"]);
const WEB_PORTS = new Set([80, 443]);
/** The tag that marks a load balancer's security group, the one place the web may come in. */
export const LOAD_BALANCER_TAG = { key: "network-role", value: "load-balancer" } as const;

interface Ingress {
  fromPort?: number;
  toPort?: number;
  cidrs: string[];
  /** The security group the rule belongs to, when it is a separate resource. */
  groupOf?: PolicyResource;
}

const isLoadBalancer = (group?: PolicyResource) =>
  (group?.props.tags as Record<string, string> | undefined)?.[LOAD_BALANCER_TAG.key] ===
  LOAD_BALANCER_TAG.value;

/** Open to the internet, except HTTP or HTTPS (one port each) on a load balancer's group. */
function forbidden(rule: Ingress, group?: PolicyResource) {
  if (!rule.cidrs.some((cidr) => OPEN.has(cidr))) return false;
  const singleWebPort =
    rule.fromPort === rule.toPort && rule.fromPort !== undefined && WEB_PORTS.has(rule.fromPort);
  return !(singleWebPort && isLoadBalancer(group));
}

function ingressRules(resource: PolicyResource, groups: PolicyResource[]): Ingress[] {
  const props = resource.props;
  const cidrsOf = (...values: unknown[]) =>
    values.flat().filter((v): v is string => typeof v === "string");
  const groupOf = groups.find((g) => refersTo(resource, "securityGroupId", g));
  switch (resource.type) {
    case "aws:ec2/securityGroup:SecurityGroup":
      return ((props.ingress ?? []) as Record<string, unknown>[]).map((rule) => ({
        fromPort: rule.fromPort as number | undefined,
        toPort: rule.toPort as number | undefined,
        cidrs: cidrsOf(rule.cidrBlocks, rule.ipv6CidrBlocks),
        groupOf: resource,
      }));
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      if (props.type !== "ingress") return [];
      return [
        {
          fromPort: props.fromPort as number,
          toPort: props.toPort as number,
          cidrs: cidrsOf(props.cidrBlocks, props.ipv6CidrBlocks),
          groupOf,
        },
      ];
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return [
        {
          fromPort: props.fromPort as number | undefined,
          toPort: props.toPort as number | undefined,
          cidrs: cidrsOf(props.cidrIpv4, props.cidrIpv6),
          groupOf,
        },
      ];
    default:
      return [];
  }
}

export const noOpenIngress: StackValidationPolicy = {
  name: "no-open-ingress",
  description:
    "No security group admits 0.0.0.0/0 or ::/0, except ports 80 and 443 on a load balancer's group.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const groups = args.resources.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
    for (const resource of args.resources) {
      for (const rule of ingressRules(resource, groups)) {
        if (forbidden(rule, rule.groupOf)) {
          reportViolation(
            `${resource.name} opens ports ${String(rule.fromPort)}-${String(rule.toPort)} to the internet.`,
            resource.urn,
          );
        }
      }
    }
  },
};
