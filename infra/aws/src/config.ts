// The one place that reads this project's stack settings (Pulumi.<stack>.yaml). Every value is
// checked here, once, so a typo in a stack file stops `pulumi preview` with the key's name instead
// of surfacing as an AWS error ten minutes into `pulumi up`.
import * as pulumi from "@pulumi/pulumi";
import { parseStackSettings } from "@fil-rouge/infra-policies/stack-settings";
import { z } from "zod";

export const PROJECT = "shortlinks-aws";

const cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "must be an IPv4 CIDR such as 10.0.0.0/16");

const network = z.strictObject({
  cidr,
  // Three zones everywhere: EKS and RDS need two, and a zone lost must leave two.
  availabilityZones: z.number().int().min(3).max(6),
  // One NAT gateway is a single point of failure (and about 35 USD a month each): fine for dev,
  // not for prod.
  natGateways: z.enum(["Single", "OnePerAz"]),
});

const cluster = z
  .strictObject({
    // EKS supports a version for 14 months at the standard price, then 12 more at six times the
    // control-plane price (extended support): keep the stacks on a version in standard support.
    version: z.string().regex(/^1\.(3[2-9]|[4-9]\d)$/, "must be Kubernetes 1.32 or later"),
    instanceTypes: z.array(z.string().min(1)).min(1),
    minSize: z.number().int().min(1),
    desiredSize: z.number().int().min(1),
    maxSize: z.number().int().min(1),
    // false in prod: the API server is then reachable only from inside the VPC (the ops server).
    endpointPublicAccess: z.boolean(),
    publicAccessCidrs: z.array(cidr).default([]),
    logRetentionDays: z.number().int().positive(),
  })
  .refine((c) => c.minSize <= c.desiredSize && c.desiredSize <= c.maxSize, {
    error: "needs minSize <= desiredSize <= maxSize",
  })
  .refine(
    (c) =>
      !c.endpointPublicAccess ||
      (c.publicAccessCidrs.length > 0 && !c.publicAccessCidrs.includes("0.0.0.0/0")),
    {
      error:
        "a public API endpoint needs publicAccessCidrs, the addresses allowed to reach it (never 0.0.0.0/0)",
      path: ["publicAccessCidrs"],
    },
  );

const database = z.strictObject({
  // The major version only: RDS applies minor versions itself (autoMinorVersionUpgrade), and a
  // pinned minor would make the next `pulumi up` try to downgrade.
  engineVersion: z
    .string()
    .regex(/^(1[6-9]|[2-9]\d)$/, "must be a PostgreSQL major version, 16 or later"),
  instanceClass: z.string().startsWith("db."),
  allocatedStorageGb: z.number().int().min(20),
  maxAllocatedStorageGb: z.number().int().min(20),
  multiAz: z.boolean(),
  backupRetentionDays: z.number().int().min(1).max(35),
  deletionProtection: z.boolean(),
  // Not offered on the smallest instance classes; an extra cost elsewhere, so a stack decision.
  performanceInsights: z.boolean(),
});

const backups = z.strictObject({
  // Dumps move to Glacier Instant Retrieval after this many days, and are deleted after expireDays.
  coldAfterDays: z.number().int().min(30),
  expireDays: z.number().int().min(31),
});

// How long Loki keeps the cluster's logs (infra/cluster/src/logs.ts reads it from this stack's
// outputs; its S3 bucket expires orphaned chunks a week later: log-bucket.ts).
const logs = z.strictObject({
  retentionDays: z.number().int().min(1).max(365),
});

// The CodeBuild-hosted GitHub Actions runner in the private subnets (ci-runners.ts, ADR 0008):
// where the workflows reach the Kubernetes API. Absent: no runner (dev is deployed from a laptop).
const ciRunner = z.strictObject({
  // The AWS CodeConnections connection to GitHub, made once in the console (infra/README.md).
  connectionArn: z
    .string()
    .regex(
      /^arn:aws:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
      "must be the ARN of a CodeConnections connection",
    ),
  computeType: z.enum(["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE"]),
});

const opsServer = z.strictObject({
  instanceType: z.string().min(1),
  // One exact Debian 12 image, the same release in every region (Debian publishes each image
  // under one name in all of them, https://wiki.debian.org/Cloud/AmazonEC2Image/Bookworm). A
  // new image is a decision made here, not whatever was published last.
  ami: z
    .string()
    .regex(
      /^debian-12-amd64-\d{8}-\d{3,5}$/,
      "must be the exact name of an official Debian 12 amd64 image, such as debian-12-amd64-20240717-1811",
    ),
});

export const stackConfigSchema = z
  .strictObject({
    environment: z.enum(["dev", "staging", "prod"]),
    owner: z.string().min(1),
    costCenter: z.string().min(1),
    // owner/name of the GitHub repository whose workflows may assume the CI roles.
    githubRepository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name"),
    // IAM holds one GitHub OIDC provider per account: one stack creates it (and keeps it on
    // destroy), the others look it up (github-oidc-provider.ts).
    githubOidcProvider: z.enum(["create", "lookup"]),
    network,
    cluster,
    database,
    backups,
    logs,
    opsServer,
    ciRunner: ciRunner.optional(),
  })
  .refine((c) => c.backups.expireDays > c.backups.coldAfterDays, {
    error: "backups.expireDays must come after backups.coldAfterDays",
    path: ["backups", "expireDays"],
  });

export type StackConfig = z.infer<typeof stackConfigSchema>;

/** Validates raw stack settings; the error names every wrong key. */
export function parseStackConfig(raw: unknown): StackConfig {
  return parseStackSettings(stackConfigSchema, raw, PROJECT);
}

const keys = ["environment", "owner", "costCenter", "githubRepository", "githubOidcProvider"];
const objectKeys = ["network", "cluster", "database", "backups", "logs", "opsServer", "ciRunner"];

/** Reads this project's keys from the current stack and validates them. */
export function readStackConfig(): StackConfig {
  const config = new pulumi.Config(PROJECT);
  const raw: Record<string, unknown> = {};
  for (const key of keys) raw[key] = config.get(key);
  for (const key of objectKeys) raw[key] = config.getObject(key);
  return parseStackConfig(raw);
}
