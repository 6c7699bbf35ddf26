// What the first `pulumi up` on a fresh account needs beyond the inventory of program.test.ts
// (issue 13): volumes Prometheus can claim, NetworkPolicies enforced, DNS as a managed addon, and
// a stack that can be destroyed and created again. Under mocks, per stack; ordering is read from
// the dependencies each registration carries, as the engine receives them.
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_RECOVERY_WINDOW_DAYS } from "./app-secrets.js";
import { parseStackConfig, type StackConfig } from "./config.js";
import { runStack } from "./program-under-mocks.js";
import { stackSettings, STACKS } from "./stack-files.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;

describe.each(STACKS)("stack %s: first deployment and re-creation", (stack) => {
  let run: Awaited<ReturnType<typeof runStack>>;
  let config: StackConfig;
  const urn = (type: string, name: string) =>
    `urn:pulumi:${stack}::shortlinks-aws::${type}::${name}`;
  const one = (type: string, name: string): Props => {
    const matches = run.resources.filter((r) => r.type === type && r.name === name);
    expect(matches, `${type} ${name}`).toHaveLength(1);
    return matches[0]!.props;
  };
  const dependenciesOf = (type: string, name: string) =>
    run.registrations.find((r) => r.type === type && r.name === name)!.dependencies;
  const addon = (addonName: string) =>
    one("aws:eks/addon:Addon", `shortlinks-${stack}-${addonName}`);
  const addonUrn = (addonName: string) =>
    urn("aws:eks/addon:Addon", `shortlinks-${stack}-${addonName}`);
  const NODES = "aws:eks/nodeGroup:NodeGroup";

  beforeAll(async () => {
    config = parseStackConfig(stackSettings(stack));
    run = await runStack(stack);
  });

  it("runs vpc-cni, kube-proxy, CoreDNS and the EBS CSI driver as managed addons, one resource each", () => {
    const names = run.resources
      .filter((r) => r.type === "aws:eks/addon:Addon")
      .map((r) => String(r.props.addonName))
      .sort();
    expect(names).toEqual(["aws-ebs-csi-driver", "coredns", "kube-proxy", "vpc-cni"]);
    // pulumi-eks 4.3.0 (nodejs/eks/cluster/cluster.ts) makes its own vpc-cni addon unless
    // useDefaultVpcCni, its kube-proxy addon unless kubeProxyAddonOptions.enabled is false, and a
    // coredns addon when corednsAddonOptions.enabled is true: none of them here, or two resources
    // would manage one addon.
    const cluster = one("eks:index:Cluster", `shortlinks-${stack}-eks`);
    expect(cluster.useDefaultVpcCni).toBe(true);
    expect(cluster.kubeProxyAddonOptions).toMatchObject({ enabled: false });
    expect(cluster.corednsAddonOptions).toMatchObject({ enabled: false });
    for (const name of names) {
      expect(addon(name).clusterName).toBe(`shortlinks-${stack}`);
      // EKS installed self-managed copies of the first three with the cluster: taken over.
      expect(addon(name).resolveConflictsOnCreate).toBe("OVERWRITE");
    }
  });

  it("turns on the VPC CNI's network policy enforcement, in the addon's own configuration", () => {
    const configuration = JSON.parse(addon("vpc-cni").configurationValues);
    // A string, as the addon's schema wants it (pulumi-eks 4.3.0 stringifies the flag the same way).
    expect(configuration).toEqual({ enableNetworkPolicy: "true" });
  });

  it("installs pod networking before the nodes, and CoreDNS and the EBS driver once nodes exist", () => {
    const nodes = dependenciesOf(NODES, `shortlinks-${stack}-nodes`);
    expect(nodes).toEqual(expect.arrayContaining([addonUrn("vpc-cni"), addonUrn("kube-proxy")]));
    const nodeGroupUrn = urn(NODES, `shortlinks-${stack}-nodes`);
    for (const name of ["coredns", "aws-ebs-csi-driver"]) {
      expect(dependenciesOf("aws:eks/addon:Addon", `shortlinks-${stack}-${name}`)).toContain(
        nodeGroupUrn,
      );
    }
  });

  it("gives the EBS CSI controller its own role: the AWS managed policy and the stack's key only", () => {
    const role = one("aws:iam/role:Role", `shortlinks-${stack}-ebs-csi`);
    expect(addon("aws-ebs-csi-driver").serviceAccountRoleArn).toBe(role.arn);
    const [trust] = JSON.parse(role.assumeRolePolicy).Statement;
    const issuer = "oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    // The service account the addon's controller runs as.
    expect(trust.Condition.StringLike[`${issuer}:sub`]).toEqual([
      "system:serviceaccount:kube-system:ebs-csi-controller-sa",
    ]);
    expect(trust.Condition.StringEquals[`${issuer}:aud`]).toBe("sts.amazonaws.com");
    expect(
      one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `shortlinks-${stack}-ebs-csi`)
        .policyArn,
    ).toBe("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");

    const key = one("aws:kms/key:Key", `shortlinks-${stack}-key`).arn;
    const statements: Props[] = JSON.parse(
      one("aws:iam/rolePolicy:RolePolicy", `shortlinks-${stack}-ebs-csi`).policy,
    ).Statement;
    const actions = statements.flatMap((s) => s.Action);
    for (const action of [
      "kms:CreateGrant",
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:GenerateDataKey*",
      "kms:ReEncrypt*",
      "kms:DescribeKey",
    ]) {
      expect(actions).toContain(action);
    }
    expect(statements.every((s) => s.Effect === "Allow" && s.Resource === key)).toBe(true);
    const grants = statements.find((s) => s.Action.includes("kms:CreateGrant"))!;
    expect(grants.Condition).toEqual({ Bool: { "kms:GrantIsForAWSResource": "true" } });
    // infra/cluster's StorageClass names this key.
    expect(run.outputs.kmsKeyArn).toBe(key);
  });

  it("lets destroy and re-create work: secrets, registry and final snapshot per stack", () => {
    const windows = run.resources
      .filter((r) => r.type === "aws:secretsmanager/secret:Secret")
      .map((r) => r.props.recoveryWindowInDays);
    expect(windows).toHaveLength(3);
    // dev frees the names at once; the others keep a window to undo a mistaken deletion.
    expect(new Set(windows)).toEqual(new Set([SECRET_RECOVERY_WINDOW_DAYS[stack]]));
    if (stack === "dev") expect(windows[0]).toBe(0);
    else expect(windows[0]).toBeGreaterThanOrEqual(7);

    expect(one("aws:ecr/repository:Repository", `shortlinks-${stack}-api`).forceDelete).toBe(
      stack === "dev",
    );

    const db = one("aws:rds/instance:Instance", `shortlinks-${stack}-db`);
    if (stack === "dev") {
      expect(db.skipFinalSnapshot).toBe(true);
      expect(db.finalSnapshotIdentifier).toBeUndefined();
    } else {
      expect(db.skipFinalSnapshot).toBe(false);
      // Drawn once per instance: a second instance of the stack gets another name.
      const suffix = one("random:index/randomId:RandomId", `shortlinks-${stack}-db-final-snapshot`);
      expect(db.finalSnapshotIdentifier).toBe(`shortlinks-${stack}-final-${suffix.hex}`);
      expect(db.finalSnapshotIdentifier).toMatch(/^[a-z][a-z0-9-]{0,254}$/);
    }
  });

  it("creates the RDS and EKS log groups, with retention, before anything writes to them", () => {
    const db = one("aws:rds/instance:Instance", `shortlinks-${stack}-db`);
    expect(db.enabledCloudwatchLogsExports).toEqual(["postgresql", "upgrade"]);
    const dbDependencies = dependenciesOf("aws:rds/instance:Instance", `shortlinks-${stack}-db`);
    for (const log of db.enabledCloudwatchLogsExports as string[]) {
      const name = `shortlinks-${stack}-db-logs-${log}`;
      const group = one("aws:cloudwatch/logGroup:LogGroup", name);
      // The name RDS writes to: /aws/rds/instance/<DB identifier>/<log type>.
      expect(group.name).toBe(`/aws/rds/instance/${db.identifier}/${log}`);
      expect(group.retentionInDays).toBe(config.cluster.logRetentionDays);
      expect(dbDependencies).toContain(urn("aws:cloudwatch/logGroup:LogGroup", name));
    }
    const cluster = one("eks:index:Cluster", `shortlinks-${stack}-eks`);
    const eksLogs = one("aws:cloudwatch/logGroup:LogGroup", `shortlinks-${stack}-eks-logs`);
    // The name EKS writes to: /aws/eks/<cluster name>/cluster.
    expect(eksLogs.name).toBe(`/aws/eks/${cluster.name}/cluster`);
    expect(eksLogs.retentionInDays).toBe(config.cluster.logRetentionDays);
    expect(dependenciesOf("eks:index:Cluster", `shortlinks-${stack}-eks`)).toContain(
      urn("aws:cloudwatch/logGroup:LogGroup", `shortlinks-${stack}-eks-logs`),
    );
  });
});
