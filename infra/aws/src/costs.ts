// What a stack costs to run, from its own settings, so that the figures in infra/README.md follow
// the stack files (src/costs.test.ts compares them). On-demand list prices of eu-west-3 (Paris) in
// USD, read from the AWS price pages in 2026; they move, so check the AWS Pricing Calculator before
// deploying. Not counted: data transfer, NAT data processing (0.048 USD/GB), S3 and ECR storage
// (cents), the CI runner's build minutes, the Prometheus and Alertmanager volumes.
import type { StackConfig } from "./config.js";

export const HOURS_PER_MONTH = 730;

export const PRICES = {
  eksControlPlanePerHour: 0.1,
  natGatewayPerHour: 0.048,
  // Every public IPv4 address, attached or not, since February 2024.
  publicIpv4PerHour: 0.005,
  // One network load balancer (the ingress controller's Service) and about one LCU of traffic.
  networkLoadBalancerPerHour: 0.0252 + 0.006,
  ec2PerHour: {
    "t3.micro": 0.0118,
    "t3.small": 0.0236,
    "t3.medium": 0.0472,
    "t3.large": 0.0944,
    "m6i.large": 0.112,
  } as Record<string, number>,
  rdsPostgresPerHour: {
    "db.t4g.micro": 0.018,
    "db.t4g.small": 0.036,
    "db.m6g.large": 0.172,
  } as Record<string, number>,
  ebsGp3PerGbMonth: 0.0928,
  rdsGp3PerGbMonth: 0.133,
  cloudwatchIngestionPerGb: 0.53,
  kmsKeyPerMonth: 1,
  secretPerMonth: 0.4,
};

/** Sizes fixed in the program rather than the stack files. */
const NODE_ROOT_VOLUME_GB = 40; // cluster.ts, the launch template
const OPS_ROOT_VOLUME_GB = 20; // ops-server.ts
const SECRETS = 4; // app-secrets.ts (three) and the RDS master secret

/**
 * Log volume sent to CloudWatch (every EKS control-plane log type, audit included, and the two
 * RDS logs), an assumption for a quiet cluster that grows with its nodes: measure yours in the
 * log groups' "Stored bytes" after a day and adjust.
 */
export const LOG_GB_PER_DAY_PER_NODE = 0.25;

export interface CostEstimate {
  nodes: number;
  nodeType: string;
  natGateways: number;
  /** NAT gateways' Elastic IPs and the internet-facing NLB's address in each zone. */
  publicIpv4: number;
  logGbPerDay: number;
  perHour: number;
  perDay: number;
  perMonth: number;
}

function price(table: Record<string, number>, type: string): number {
  const found = table[type];
  if (found === undefined) throw new Error(`no price for ${type} in src/costs.ts: add it`);
  return found;
}

/** The cost of one stack running all day with its desired node count. */
export function estimateCost(config: StackConfig): CostEstimate {
  const { cluster, database, network } = config;
  const zones = network.availabilityZones;
  const nodes = cluster.desiredSize;
  const [nodeType = ""] = cluster.instanceTypes;
  const natGateways = network.natGateways === "Single" ? 1 : zones;
  // The ops server has no public address (private subnet).
  const publicIpv4 = natGateways + zones;
  const logGbPerDay = LOG_GB_PER_DAY_PER_NODE * nodes;
  const copies = database.multiAz ? 2 : 1;
  const monthly = (usd: number) => usd / HOURS_PER_MONTH;

  const perHour =
    PRICES.eksControlPlanePerHour +
    nodes * price(PRICES.ec2PerHour, nodeType) +
    nodes * monthly(NODE_ROOT_VOLUME_GB * PRICES.ebsGp3PerGbMonth) +
    natGateways * PRICES.natGatewayPerHour +
    publicIpv4 * PRICES.publicIpv4PerHour +
    PRICES.networkLoadBalancerPerHour +
    copies * price(PRICES.rdsPostgresPerHour, database.instanceClass) +
    copies * monthly(database.allocatedStorageGb * PRICES.rdsGp3PerGbMonth) +
    price(PRICES.ec2PerHour, config.opsServer.instanceType) +
    monthly(OPS_ROOT_VOLUME_GB * PRICES.ebsGp3PerGbMonth) +
    (logGbPerDay * PRICES.cloudwatchIngestionPerGb) / 24 +
    monthly(PRICES.kmsKeyPerMonth + SECRETS * PRICES.secretPerMonth);

  return {
    nodes,
    nodeType,
    natGateways,
    publicIpv4,
    logGbPerDay,
    perHour,
    perDay: perHour * 24,
    perMonth: perHour * HOURS_PER_MONTH,
  };
}

/** The row of infra/README.md's cost table for a stack, as the test expects it. */
export function costRow(stack: string, estimate: CostEstimate): string {
  const cells = [
    stack,
    `${estimate.nodes} × ${estimate.nodeType}`,
    String(estimate.natGateways),
    String(estimate.publicIpv4),
    `${estimate.logGbPerDay.toFixed(2)} GB`,
    estimate.perHour.toFixed(2),
    estimate.perDay.toFixed(2),
    estimate.perMonth.toFixed(0),
  ];
  return cells.join(" | ");
}
