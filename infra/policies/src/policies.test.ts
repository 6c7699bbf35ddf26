import { describe, expect, it } from "vitest";
import { evaluatePolicies, type RecordedResource } from "./evaluate-policies.js";
import { policies } from "./policies.js";
import { LOAD_BALANCER_TAG } from "./rules/no-open-ingress.js";

const TAGS = { project: "p", environment: "dev", owner: "o", "cost-center": "c" };
const r = (type: string, name: string, props: Record<string, unknown>): RecordedResource => ({
  type,
  name,
  props,
});
const BUCKET = r("aws:s3/bucket:Bucket", "dumps", { id: "dumps-1", bucket: "dumps-1", tags: TAGS });
const FULL_BLOCK = {
  bucket: "dumps-1",
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};
const TLS_POLICY = JSON.stringify({
  Statement: [{ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
});
const privateBucket = [
  BUCKET,
  r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "dumps", FULL_BLOCK),
  r("aws:s3/bucketPolicy:BucketPolicy", "dumps", { bucket: "dumps-1", policy: TLS_POLICY }),
];
const BOUNDARY = "arn:aws:iam::123456789012:policy/shortlinks-dev-boundary";
const namesOf = async (resources: RecordedResource[]) =>
  (await evaluatePolicies(resources)).map((v) => v.policy);

describe("the policy pack", () => {
  it("makes every policy mandatory", () => {
    expect(policies.map((p) => p.enforcementLevel)).toEqual(policies.map(() => "mandatory"));
  });

  it("accepts a private, TLS-only bucket", async () => {
    expect(await evaluatePolicies(privateBucket)).toEqual([]);
  });

  it("rejects a bucket without a public access block, or with one setting off", async () => {
    expect(await namesOf([BUCKET, privateBucket[2]!])).toEqual(["s3-private-buckets"]);
    const partial = r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "dumps", {
      ...FULL_BLOCK,
      restrictPublicBuckets: false,
    });
    expect(await namesOf([BUCKET, partial, privateBucket[2]!])).toEqual(["s3-private-buckets"]);
  });

  it("rejects a public-read ACL", async () => {
    const acl = r("aws:s3/bucketAcl:BucketAcl", "dumps", { bucket: "dumps-1", acl: "public-read" });
    expect(await namesOf([...privateBucket, acl])).toEqual(["s3-private-buckets"]);
  });

  it("rejects a bucket whose policy does not deny plain HTTP", async () => {
    const allowAll = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] });
    const policy = r("aws:s3/bucketPolicy:BucketPolicy", "dumps", {
      bucket: "dumps-1",
      policy: allowAll,
    });
    expect(await namesOf([BUCKET, privateBucket[1]!, policy])).toEqual(["s3-tls-only"]);
    expect(await namesOf([BUCKET, privateBucket[1]!])).toEqual(["s3-tls-only"]);
  });

  it("rejects an unencrypted, public, or unbacked-up database", async () => {
    const good = {
      storageEncrypted: true,
      publiclyAccessible: false,
      backupRetentionPeriod: 7,
      tags: TAGS,
    };
    const db = (props: object) => r("aws:rds/instance:Instance", "db", { ...good, ...props });
    expect(await namesOf([db({})])).toEqual([]);
    for (const bad of [
      { storageEncrypted: false },
      { publiclyAccessible: true },
      { backupRetentionPeriod: 0 },
    ]) {
      expect(await namesOf([db(bad)])).toEqual(["rds-encrypted-private-backed-up"]);
    }
  });

  describe("open ingress", () => {
    const group = (name: string, props: object = {}) =>
      r("aws:ec2/securityGroup:SecurityGroup", name, { id: `${name}-id`, tags: TAGS, ...props });
    const rule = (group: string, port: number, cidr = "0.0.0.0/0") =>
      r("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `${group}-${port}`, {
        securityGroupId: `${group}-id`,
        fromPort: port,
        toPort: port,
        cidrIpv4: cidr,
        tags: TAGS,
      });
    const lb = group("lb", { tags: { ...TAGS, [LOAD_BALANCER_TAG.key]: LOAD_BALANCER_TAG.value } });

    it("rejects SSH from the internet, inline or as a separate rule, IPv4 or IPv6", async () => {
      expect(await namesOf([group("app"), rule("app", 22)])).toEqual(["no-open-ingress"]);
      const inline = group("app", {
        ingress: [{ fromPort: 22, toPort: 22, ipv6CidrBlocks: ["::/0"] }],
      });
      expect(await namesOf([inline])).toEqual(["no-open-ingress"]);
      const legacy = r("aws:ec2/securityGroupRule:SecurityGroupRule", "ssh", {
        type: "ingress",
        securityGroupId: "app-id",
        fromPort: 22,
        toPort: 22,
        cidrBlocks: ["0.0.0.0/0"],
      });
      expect(await namesOf([group("app"), legacy])).toEqual(["no-open-ingress"]);
    });

    it("rejects HTTPS from the internet on a group that is not a load balancer's", async () => {
      expect(await namesOf([group("app"), rule("app", 443)])).toEqual(["no-open-ingress"]);
    });

    it("allows 80 and 443 from the internet on the load balancer, and private ranges anywhere", async () => {
      expect(
        await namesOf([
          lb,
          rule("lb", 80),
          rule("lb", 443),
          group("db"),
          rule("db", 5432, "10.0.0.0/16"),
        ]),
      ).toEqual([]);
      expect(await namesOf([lb, rule("lb", 8080)])).toEqual(["no-open-ingress"]);
    });
  });

  it("rejects an instance or launch template that accepts IMDSv1, and a node group without template", async () => {
    const instance = (httpTokens: string) =>
      r("aws:ec2/instance:Instance", "ops", { metadataOptions: { httpTokens }, tags: TAGS });
    expect(await namesOf([instance("required")])).toEqual([]);
    expect(await namesOf([instance("optional")])).toEqual(["imdsv2-required"]);
    expect(
      await namesOf([r("aws:ec2/launchTemplate:LaunchTemplate", "lt", { tags: TAGS })]),
    ).toEqual(["imdsv2-required"]);
    expect(await namesOf([r("aws:eks/nodeGroup:NodeGroup", "nodes", { tags: TAGS })])).toEqual([
      "imdsv2-required",
    ]);
  });

  it("rejects a symmetric KMS key without rotation, not an asymmetric one", async () => {
    const key = (props: object) => r("aws:kms/key:Key", "key", { tags: TAGS, ...props });
    expect(await namesOf([key({ enableKeyRotation: true })])).toEqual([]);
    expect(await namesOf([key({})])).toEqual(["kms-key-rotation"]);
    expect(await namesOf([key({ customerMasterKeySpec: "RSA_2048" })])).toEqual([]);
  });

  it("rejects an ECR repository that does not scan on push", async () => {
    const repo = (scanOnPush: boolean) =>
      r("aws:ecr/repository:Repository", "api", {
        imageScanningConfiguration: { scanOnPush },
        tags: TAGS,
      });
    expect(await namesOf([repo(true)])).toEqual([]);
    expect(await namesOf([repo(false)])).toEqual(["ecr-scan-on-push"]);
  });

  it("rejects a taggable resource missing a required tag, and names the tag", async () => {
    const partial: Record<string, string> = { ...TAGS };
    delete partial["cost-center"];
    const violations = await evaluatePolicies([
      r("aws:iam/role:Role", "ci", { tags: partial, permissionsBoundary: BOUNDARY }),
    ]);
    expect(violations).toEqual([
      expect.objectContaining({
        policy: "required-tags",
        message: expect.stringContaining("cost-center"),
      }),
    ]);
    expect(
      await namesOf([r("aws:iam/role:Role", "ci", { permissionsBoundary: BOUNDARY })]),
    ).toEqual(["required-tags"]);
    // Tags the provider adds by default count, and an untaggable type is left alone.
    expect(
      await namesOf([
        r("aws:iam/role:Role", "ci", { tagsAll: TAGS, permissionsBoundary: BOUNDARY }),
      ]),
    ).toEqual([]);
    expect(await namesOf([r("aws:iam/rolePolicy:RolePolicy", "ci", { policy: "{}" })])).toEqual([]);
  });

  it("rejects a role without a permissions boundary, or with something else in its place", async () => {
    const role = (props: Record<string, unknown>) =>
      r("aws:iam/role:Role", "ci", { tags: TAGS, ...props });
    expect(await namesOf([role({ permissionsBoundary: BOUNDARY })])).toEqual([]);
    expect(await namesOf([role({})])).toEqual(["iam-roles-bounded"]);
    expect(await namesOf([role({ permissionsBoundary: "arn:aws:iam::aws:role/x" })])).toEqual([
      "iam-roles-bounded",
    ]);
  });
});
