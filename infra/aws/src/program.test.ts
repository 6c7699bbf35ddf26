import { existsSync, readFileSync } from "node:fs";
import { evaluatePolicies, type RecordedResource } from "@fil-rouge/infra-policies/evaluate";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { CLUSTER_LOG_TYPES, CLUSTER_PREVIEW_ENVIRONMENTS } from "./cluster.js";
import { parseStackConfig, type StackConfig } from "./config.js";
import { runStack } from "./program-under-mocks.js";
import { stackSettings, STACKS } from "./stack-files.js";

type Run = Awaited<ReturnType<typeof runStack>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;

function finder(resources: RecordedResource[]) {
  const all = (type: string) => resources.filter((r) => r.type === type);
  const one = (type: string, name?: string): Props => {
    const matches = all(type).filter((r) => name === undefined || r.name.endsWith(name));
    expect(matches, `exactly one ${type} ${name ?? ""}`).toHaveLength(1);
    return matches[0]!.props;
  };
  return { all, one };
}
const statements = (document: string) => JSON.parse(document).Statement as [Props, ...Props[]];

describe.each(STACKS)("stack %s under mocks", (stack) => {
  let run: Run;
  let config: StackConfig;
  let find: ReturnType<typeof finder>;
  beforeAll(async () => {
    config = parseStackConfig(stackSettings(stack));
    run = await runStack(stack);
    find = finder(run.resources);
  });

  it("passes every mandatory policy of infra/policies", async () => {
    expect(await evaluatePolicies(run.resources)).toEqual([]);
  });

  it("builds the VPC over three zones with public, private and isolated subnets", () => {
    const vpc = find.one("awsx:ec2:Vpc");
    expect(vpc.cidrBlock).toBe("10.0.0.0/16");
    expect(vpc.numberOfAvailabilityZones).toBe(3);
    expect(vpc.natGateways).toEqual({ strategy: stack === "dev" ? "Single" : "OnePerAz" });
    expect(vpc.subnetSpecs.map((s: Props) => s.type)).toEqual(["Public", "Private", "Isolated"]);
  });

  it("runs EKS 1.32+ with private nodes, every control-plane log, encrypted secrets and OIDC", () => {
    const cluster = find.one("eks:index:Cluster");
    const key = find.one("aws:kms/key:Key");
    expect(Number(cluster.version.split(".")[1])).toBeGreaterThanOrEqual(32);
    expect(cluster.nodeAssociatePublicIpAddress).toBe(false);
    expect(cluster.skipDefaultNodeGroup).toBe(true);
    expect(cluster.authenticationMode).toBe("API");
    expect(cluster.enabledClusterLogTypes).toEqual(CLUSTER_LOG_TYPES);
    expect(cluster.encryptionConfigKeyArn).toBe(key.arn);
    expect(key.enableKeyRotation).toBe(true);
    expect(cluster.createOidcProvider).toBe(true);
    expect(find.one("aws:cloudwatch/logGroup:LogGroup", "-eks-logs").retentionInDays).toBe(
      config.cluster.logRetentionDays,
    );

    const nodes = find.one("aws:eks/nodeGroup:NodeGroup");
    expect(nodes.subnetIds).toEqual(
      run.outputs.vpcId && expect.arrayContaining(["subnet-private-a"]),
    );
    expect(nodes.subnetIds.every((id: string) => id.startsWith("subnet-private"))).toBe(true);
    expect(nodes.scalingConfig).toEqual({
      minSize: config.cluster.minSize,
      desiredSize: config.cluster.desiredSize,
      maxSize: config.cluster.maxSize,
    });
    const template = find.one("aws:ec2/launchTemplate:LaunchTemplate");
    expect(template.metadataOptions).toMatchObject({
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    });
    expect(template.blockDeviceMappings[0].ebs.encrypted).toBe("true");
    expect(nodes.launchTemplate).toEqual({ id: "shortlinks-" + stack + "-node-id", version: "1" });
  });

  it("keeps the API endpoint private in prod, and limited to listed addresses elsewhere", () => {
    const cluster = find.one("eks:index:Cluster");
    expect(cluster.endpointPrivateAccess).toBe(true);
    expect(cluster.endpointPublicAccess).toBe(stack !== "prod");
    if (stack === "prod") expect(cluster.publicAccessCidrs).toBeUndefined();
    else expect(cluster.publicAccessCidrs).not.toContain("0.0.0.0/0");
  });

  it("grants cluster admin to the ops server and the infra role, and nothing to the deploy role", () => {
    const entries = find.one("eks:index:Cluster").accessEntries;
    expect(entries.ops.principalArn).toBe(
      run.resources.find(
        (r) => r.name === `shortlinks-${stack}-ops` && r.type === "aws:iam/role:Role",
      )!.props.arn,
    );
    // Plus, where pull requests preview infra/cluster, a read-only entry (ci-runners.test.ts).
    const preview = CLUSTER_PREVIEW_ENVIRONMENTS.includes(stack) ? ["preview"] : [];
    expect(Object.keys(entries).sort()).toEqual(["infra", "ops", ...preview]);
    expect(entries.infra.principalArn).toBe(run.outputs.githubInfraRoleArn);
    // The deploy role only copies images to ECR: an access entry would be unused access.
    expect(entries.deploy).toBeUndefined();
  });

  it("puts PostgreSQL 16+ in isolated subnets, private, encrypted, TLS-only, backed up", () => {
    const db = find.one("aws:rds/instance:Instance");
    const key = find.one("aws:kms/key:Key");
    expect(db.engine).toBe("postgres");
    expect(Number(db.engineVersion.split(".")[0])).toBeGreaterThanOrEqual(16);
    expect(db.publiclyAccessible).toBe(false);
    expect(db.storageEncrypted).toBe(true);
    expect(db.kmsKeyId).toBe(key.arn);
    expect(db.manageMasterUserPassword).toBe(true);
    expect(db.password).toBeUndefined();
    expect(db.backupRetentionPeriod).toBe(config.database.backupRetentionDays);
    expect(db.multiAz).toBe(stack !== "dev");
    expect(db.deletionProtection).toBe(stack !== "dev");
    expect(db.skipFinalSnapshot).toBe(stack === "dev");
    expect(db.performanceInsightsEnabled).toBe(stack === "prod");
    expect(db.autoMinorVersionUpgrade).toBe(true);
    expect(
      find
        .one("aws:rds/subnetGroup:SubnetGroup")
        .subnetIds.every((id: string) => id.startsWith("subnet-isolated")),
    ).toBe(true);
    const parameters = find.one("aws:rds/parameterGroup:ParameterGroup");
    expect(parameters.family).toBe(`postgres${db.engineVersion.split(".")[0]}`);
    expect(parameters.parameters).toContainEqual({ name: "rds.force_ssl", value: "1" });
  });

  it("admits PostgreSQL connections from the cluster's security group only", () => {
    const dbGroup = find.one("aws:ec2/securityGroup:SecurityGroup", "-db");
    expect(dbGroup.ingress).toBeUndefined();
    const rules = find
      .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter(
        (r) =>
          r.props.securityGroupId === dbGroup.id ||
          r.props.securityGroupId === `shortlinks-${stack}-db-id`,
      );
    expect(rules).toHaveLength(1);
    expect(rules[0]!.props).toMatchObject({
      referencedSecurityGroupId: "sg-0eks-cluster",
      fromPort: 5432,
      toPort: 5432,
    });
    expect(rules[0]!.props.cidrIpv4).toBeUndefined();
  });

  it("makes an ECR repository with scan on push, immutable tags and expiry", () => {
    const repository = find.one("aws:ecr/repository:Repository");
    expect(repository.imageScanningConfiguration).toEqual({ scanOnPush: true });
    expect(repository.imageTagMutability).toBe("IMMUTABLE");
    const lifecycle = JSON.parse(find.one("aws:ecr/lifecyclePolicy:LifecyclePolicy").policy);
    expect(lifecycle.rules.map((r: Props) => r.action.type)).toEqual(["expire", "expire"]);
  });

  it("makes a private, versioned, KMS-encrypted, TLS-only backup bucket that ages dumps", () => {
    const bucket = find.one("aws:s3/bucket:Bucket", "-db-backups");
    expect(bucket.bucket).toBe(`shortlinks-${stack}-db-backups-123456789012`);
    expect(
      find.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "-db-backups"),
    ).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(
      find.one("aws:s3/bucketVersioning:BucketVersioning", "-db-backups").versioningConfiguration
        .status,
    ).toBe("Enabled");
    const sse = find.one(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "-db-backups",
    );
    expect(sse.rules[0].applyServerSideEncryptionByDefault).toEqual({
      sseAlgorithm: "aws:kms",
      kmsMasterKeyId: find.one("aws:kms/key:Key").arn,
    });
    const lifecycle = find.one(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "-db-backups",
    );
    expect(lifecycle.rules[0]).toMatchObject({
      transitions: [{ days: config.backups.coldAfterDays, storageClass: "GLACIER_IR" }],
      expiration: { days: config.backups.expireDays },
    });
    const [deny] = statements(find.one("aws:s3/bucketPolicy:BucketPolicy", "-db-backups").policy);
    expect(deny).toMatchObject({
      Effect: "Deny",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("makes Loki's bucket private, KMS-encrypted with the stack's key, TLS-only, unversioned, with a chunk backstop after the stack's retention", () => {
    expect(find.one("aws:s3/bucket:Bucket", "-logs").bucket).toBe(
      `shortlinks-${stack}-logs-123456789012`,
    );
    expect(
      find.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "-logs"),
    ).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    // The compactor's deletions must free space: no versioning keeps them.
    expect(find.all("aws:s3/bucketVersioning:BucketVersioning").map((r) => r.name)).toEqual([
      `shortlinks-${stack}-db-backups`,
    ]);
    const sse = find.one(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "-logs",
    );
    expect(sse.rules[0].applyServerSideEncryptionByDefault).toEqual({
      sseAlgorithm: "aws:kms",
      kmsMasterKeyId: find.one("aws:kms/key:Key").arn,
    });
    const policy = statements(find.one("aws:s3/bucketPolicy:BucketPolicy", "-logs").policy);
    expect(policy.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "DenyEncryptionOtherThanKms",
      "DenyOtherKmsKey",
      "DenyAwsManagedKey",
    ]);
    // Loki's compactor deletes after retentionDays; the lifecycle rule only catches orphaned
    // chunks of the single tenant, a week later, and never the index (Loki's retention page).
    const expected = { dev: 3, staging: 7, prod: 30 }[stack];
    expect(config.logs.retentionDays).toBe(expected);
    const lifecycle = find.one(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "-logs",
    );
    const expiring = lifecycle.rules.filter((r: Props) => r.expiration);
    expect(expiring).toEqual([
      expect.objectContaining({
        filter: { prefix: "fake/" },
        expiration: { days: config.logs.retentionDays + 7 },
      }),
    ]);
  });

  it("lets GitHub Actions assume roles only from this repository; infrastructure only from its environment", () => {
    const environment = stack === "prod" ? "production" : stack;
    const subjects = (suffix: string) => {
      const role = find.one("aws:iam/role:Role", `-github-${suffix}`);
      const [trust] = statements(role.assumeRolePolicy);
      expect(trust.Condition.StringEquals["token.actions.githubusercontent.com:aud"]).toBe(
        "sts.amazonaws.com",
      );
      return trust.Condition.StringLike["token.actions.githubusercontent.com:sub"];
    };
    const onlyEnvironment = [`repo:fil-rouge-devops/fil-rouge-devops:environment:${environment}`];
    expect(subjects("deploy")).toEqual(onlyEnvironment);
    expect(subjects("infra")).toEqual(onlyEnvironment);
    expect(subjects("preview")).toEqual([
      "repo:fil-rouge-devops/fil-rouge-devops:pull_request",
      ...onlyEnvironment,
    ]);
    const deploy = statements(find.one("aws:iam/rolePolicy:RolePolicy", "-github-deploy").policy);
    const push = deploy.find((s) => s.Sid === "PushApiImage")!;
    expect(push.Resource).toBe(find.one("aws:ecr/repository:Repository").arn);
  });

  it("gives Loki a role bound to its service account, for its bucket and the stack's key only", () => {
    const issuer = "oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    const trust = statements(find.one("aws:iam/role:Role", "-loki").assumeRolePolicy)[0];
    expect(trust.Condition.StringLike[`${issuer}:sub`]).toEqual([
      "system:serviceaccount:loki:loki",
    ]);
    const bucket = `arn:aws:s3:::shortlinks-${stack}-logs-123456789012`;
    const policy = statements(find.one("aws:iam/rolePolicy:RolePolicy", "-loki").policy);
    expect(policy.map((s) => [s.Action, s.Resource])).toEqual([
      ["s3:ListBucket", bucket],
      [
        ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
        `${bucket}/*`,
      ],
      [["kms:GenerateDataKey", "kms:Decrypt"], find.one("aws:kms/key:Key").arn],
    ]);
    expect(run.outputs).toMatchObject({
      logBucket: `shortlinks-${stack}-logs-123456789012`,
      logRetentionDays: config.logs.retentionDays,
    });
    expect(run.outputs.logStoreRoleArn).toBeDefined();
  });

  it("gives the backup job and External Secrets roles bound to one service account each", () => {
    const trustOf = (suffix: string) =>
      statements(find.one("aws:iam/role:Role", suffix).assumeRolePolicy)[0];
    const issuer = "oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    expect(trustOf("-db-backup").Condition.StringLike[`${issuer}:sub`]).toEqual([
      `system:serviceaccount:shortlinks-${stack}:db-backup`,
    ]);
    expect(trustOf("-external-secrets").Condition.StringLike[`${issuer}:sub`]).toEqual([
      "system:serviceaccount:external-secrets:external-secrets",
    ]);
    const backup = statements(find.one("aws:iam/rolePolicy:RolePolicy", "-db-backup").policy);
    expect(backup[0]).toMatchObject({
      Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
      Resource: `arn:aws:s3:::shortlinks-${stack}-db-backups-123456789012/postgres/*`,
    });
    const secrets = statements(
      find.one("aws:iam/rolePolicy:RolePolicy", "-external-secrets").policy,
    );
    expect(secrets[0].Resource).toEqual([
      `arn:aws:secretsmanager:eu-west-3:123456789012:secret:shortlinks/${stack}/*`,
      run.outputs.databaseMasterSecretArn,
    ]);
  });

  it("stores the secrets the Kubernetes overlays read, encrypted with the stack's key", () => {
    const names = find.all("aws:secretsmanager/secret:Secret").map((s) => s.props.name);
    expect(names.sort()).toEqual([
      `shortlinks/${stack}/api-token`,
      `shortlinks/${stack}/database`,
      `shortlinks/${stack}/database-owner`,
    ]);
    const database = find.one("aws:secretsmanager/secretVersion:SecretVersion", "-db-app-secret");
    // The generated password makes the whole value a Pulumi secret: encrypted in the state.
    const SECRET_SIG = "4dabf18193072939515e22adb298388d";
    expect(database.secretString[SECRET_SIG]).toBeDefined();
    expect(JSON.parse(database.secretString.value)).toMatchObject({
      username: "shortlinks_app",
      host: run.outputs.databaseAddress,
      port: "5432",
    });
  });

  it("creates the ops server: private, no key, IMDSv2, encrypted, SSM, the pinned Debian image", () => {
    const ops = find.one("aws:ec2/instance:Instance");
    expect(ops.keyName).toBeUndefined();
    expect(ops.associatePublicIpAddress).toBe(false);
    expect(ops.subnetId).toBe("subnet-private-a");
    expect(ops.metadataOptions.httpTokens).toBe("required");
    expect(ops.rootBlockDevice.encrypted).toBe(true);
    // First boot only starts what the Ansible role needs; the role comes through SSM.
    expect(ops.userData).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(ops.userData).toContain(`export AWS_REGION='eu-west-3'`);
    expect(ops.userData).toMatch(/install --no-install-recommends ansible-core/);
    // The image is the one the stack file names, looked up exactly, never "most recent".
    const lookups = run.calls.filter((c) => c.token === "aws:ec2/getAmi:getAmi");
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.inputs.mostRecent).toBeFalsy();
    expect(lookups[0]!.inputs.filters).toContainEqual({
      name: "name",
      values: [config.opsServer.ami],
    });
    expect(ops.ami).toBe("ami-0debian12example");
    expect(
      statements(find.one("aws:iam/rolePolicy:RolePolicy", "-ops-eks").policy)[0].Resource,
    ).toBe(`arn:aws:eks:eu-west-3:123456789012:cluster/shortlinks-${stack}`);
    expect(
      find.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "-ops-ssm").policyArn,
    ).toBe("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
    const ingress = find
      .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((r) => r.props.securityGroupId === `shortlinks-${stack}-ops-id`);
    expect(ingress.map((r) => [r.props.fromPort, r.props.referencedSecurityGroupId])).toEqual([
      [9100, "sg-0eks-cluster"],
    ]);
  });

  it("configures the ops server with the Ansible role through SSM: every tagged instance, on schedule", () => {
    const association = find.one("aws:ssm/association:Association");
    const archive = find.one("aws:s3/bucketObjectv2:BucketObjectv2");
    const ops = find.one("aws:ec2/instance:Instance");
    const bucket = `shortlinks-${stack}-db-backups-123456789012`;
    expect(association.name).toBe("AWS-ApplyAnsiblePlaybooks");
    // Targets by tag, and the ops server carries that tag: a second server with it is configured too.
    expect(association.targets).toHaveLength(1);
    const [target] = association.targets;
    expect(target.key).toMatch(/^tag:/);
    expect(target.values).toEqual([ops.tags[target.key.slice("tag:".length)]]);
    expect(target.values).toEqual([`shortlinks-${stack}-ops`]);
    expect(association.scheduleExpression).toMatch(/^rate\(\d+ minutes\)$/);

    // The playbook is the archive the program uploads, named after its content.
    expect(archive.bucket).toBe(bucket);
    expect(archive.key).toMatch(/^ops\/ansible\/ops-server-[0-9a-f]{16}\.zip$/);
    const parameters = association.parameters;
    expect(Object.keys(parameters).sort()).toEqual([
      "Check",
      "ExtraVariables",
      "InstallDependencies",
      "PlaybookFile",
      "SourceInfo",
      "SourceType",
    ]);
    expect(parameters.SourceType).toBe("S3");
    expect(JSON.parse(parameters.SourceInfo)).toEqual({
      path: `https://s3.eu-west-3.amazonaws.com/${bucket}/${archive.key}`,
    });
    // Ansible comes from Debian, installed by cloud-init; the document must not pip-install it.
    expect(parameters.InstallDependencies).toBe("False");
    expect(parameters.Check).toBe("False");
    // The document's own allowedPattern for both parameters (AWS-ApplyAnsiblePlaybooks).
    expect(parameters.PlaybookFile).toMatch(/[(a-z_A-Z0-9\-)/]+(.yml|.yaml)$/);
    expect(
      existsSync(new URL(`../ansible/ops-server/${parameters.PlaybookFile}`, import.meta.url)),
    ).toBe(true);
    expect(parameters.ExtraVariables).toMatch(/^$|^\w+=[^\s|:();&]+(\s\w+=[^\s|:();&]+)*$/);
    const variables = Object.fromEntries(
      parameters.ExtraVariables.split(" ").map((pair: string) => pair.split("=")),
    );
    expect(variables).toEqual({
      ops_server_target: "ec2",
      ops_server_vpc_cidr: config.network.cidr,
      ops_server_aws_region: "eu-west-3",
      ops_server_cluster_name: `shortlinks-${stack}`,
      ops_server_kubernetes_minor: config.cluster.version,
    });

    // The instance reads that one object and nothing else of the bucket.
    const [read, decrypt] = statements(
      find.one("aws:iam/rolePolicy:RolePolicy", "-ops-playbook").policy,
    );
    expect(read).toMatchObject({
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${bucket}/${archive.key}`,
    });
    expect(decrypt).toMatchObject({
      Action: "kms:Decrypt",
      Resource: find.one("aws:kms/key:Key").arn,
      Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-3.amazonaws.com" } },
    });
  });

  it("exports the kubeconfig as a secret and what infra/cluster reads", () => {
    expect(run.outputs).toMatchObject({
      environment: stack,
      clusterName: `shortlinks-${stack}`,
      backupBucket: `shortlinks-${stack}-db-backups-123456789012`,
      githubEnvironment: stack === "prod" ? "production" : stack,
    });
    expect(JSON.parse(run.outputs.kubeconfig).kind).toBe("Config");
  });
});

describe("the three stacks", () => {
  it("use the VPC range that the application's NetworkPolicies open to PostgreSQL", () => {
    const file = new URL("../../../k8s/components/aws/database-egress.yaml", import.meta.url);
    const cidrs = parseAllDocuments(readFileSync(file, "utf8")).flatMap((d) =>
      (d.toJSON().spec.egress as Props[]).flatMap((rule) =>
        (rule.to ?? []).flatMap((to: Props) => (to.ipBlock ? [to.ipBlock.cidr] : [])),
      ),
    );
    expect(new Set(cidrs)).toEqual(new Set(["10.0.0.0/16"]));
    for (const stack of STACKS) {
      expect(parseStackConfig(stackSettings(stack)).network.cidr).toBe("10.0.0.0/16");
    }
  });

  // What is meant to differ between dev, staging and prod; any other difference is an accident.
  const INTENDED = new Set([
    "environment",
    "network.natGateways",
    "cluster.instanceTypes",
    "cluster.minSize",
    "cluster.desiredSize",
    "cluster.maxSize",
    "cluster.endpointPublicAccess",
    "cluster.publicAccessCidrs",
    "cluster.logRetentionDays",
    "database.instanceClass",
    "database.allocatedStorageGb",
    "database.maxAllocatedStorageGb",
    "database.multiAz",
    "database.backupRetentionDays",
    "database.deletionProtection",
    "database.performanceInsights",
    "backups.expireDays",
    "logs.retentionDays",
    "opsServer.instanceType",
    // One stack per account owns GitHub's OIDC provider; the others look it up.
    "githubOidcProvider",
    // Only the stacks that CI deploys have a runner (ADR 0008).
    "ciRunner.connectionArn",
    "ciRunner.computeType",
  ]);
  const flat = (value: unknown, prefix = ""): Record<string, string> =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.assign(
          {},
          ...Object.entries(value).map(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k)),
        )
      : { [prefix]: JSON.stringify(value) };
  const [dev, staging, prod] = STACKS.map((s) => flat(parseStackConfig(stackSettings(s))));

  it("differ only where intended", () => {
    const keys = new Set([...Object.keys(dev!), ...Object.keys(staging!), ...Object.keys(prod!)]);
    const differing = [...keys].filter(
      (k) => !(dev![k] === staging![k] && staging![k] === prod![k]),
    );
    expect(differing.filter((k) => !INTENDED.has(k))).toEqual([]);
  });

  it("grow from dev to prod where the README says so", () => {
    const number = (stack: Record<string, string>, key: string) => Number(stack[key]);
    for (const key of [
      "database.backupRetentionDays",
      "cluster.logRetentionDays",
      "backups.expireDays",
      "logs.retentionDays",
      "cluster.maxSize",
    ]) {
      expect(number(dev!, key)).toBeLessThan(
        number(staging!, key) + (key === "cluster.maxSize" ? 1 : 0),
      );
      expect(number(staging!, key)).toBeLessThanOrEqual(number(prod!, key));
    }
    expect([dev, staging, prod].map((s) => s!["database.multiAz"])).toEqual([
      "false",
      "true",
      "true",
    ]);
    expect([dev, staging, prod].map((s) => s!["network.natGateways"])).toEqual([
      '"Single"',
      '"OnePerAz"',
      '"OnePerAz"',
    ]);
    expect([dev, staging, prod].map((s) => s!["cluster.endpointPublicAccess"])).toEqual([
      "true",
      "true",
      "false",
    ]);
  });
});
