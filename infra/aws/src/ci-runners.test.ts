import { readFileSync } from "node:fs";
import { evaluatePolicies } from "@fil-rouge/infra-policies/evaluate";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { runnerLabelPrefix, RUNNER_IMAGE } from "./ci-runners.js";
import { parseStackConfig } from "./config.js";
import { runStack } from "./program-under-mocks.js";
import { stackSettings, STACKS } from "./stack-files.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;

const ENVIRONMENT_WORKFLOW = new URL("../../../.github/workflows/environment.yml", import.meta.url);

/** The `runs-on` of the job that runs `pulumi up` of the cluster, for one stack. */
function deployJobLabel(stack: string): string {
  const workflow = parse(readFileSync(ENVIRONMENT_WORKFLOW, "utf8")) as {
    jobs: Record<string, { "runs-on": string; steps?: { run?: string }[] }>;
  };
  const jobs = Object.values(workflow.jobs).filter((job) =>
    (job.steps ?? []).some((step) => step.run?.includes("deploy-image.sh")),
  );
  expect(jobs).toHaveLength(1);
  return jobs[0]!["runs-on"]
    .replaceAll("${{ inputs.stack }}", stack)
    .replace(/\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/, "");
}

const INFRA_WORKFLOW = new URL("../../../.github/workflows/infra.yml", import.meta.url);

/** The previews of infra/cluster that pull requests run: stack and runner (infra.yml's matrix). */
function clusterPreviews(): { stack: string; runner: string }[] {
  const workflow = parse(readFileSync(INFRA_WORKFLOW, "utf8")) as {
    jobs: { preview: { strategy: { matrix: { include: Props[] } } } };
  };
  return workflow.jobs.preview.strategy.matrix.include
    .filter((entry) => entry.project === "cluster")
    .map((entry) => ({ stack: entry.stack as string, runner: entry.runner as string }));
}

describe.each(STACKS)("the CI runner of stack %s", (stack) => {
  let resources: { type: string; name: string; props: Props }[];
  let outputs: Props;
  const settings = parseStackConfig(stackSettings(stack));
  const of = (type: string) => resources.filter((r) => r.type === type);
  beforeAll(async () => {
    const run = await runStack(stack);
    resources = run.resources;
    outputs = run.outputs;
  });

  it("lets the preview role read the cluster where pull requests preview infra/cluster, only there", () => {
    const cluster = of("eks:index:Cluster")[0]!.props;
    const preview = clusterPreviews().find((p) => p.stack === stack);
    expect(Object.keys(cluster.accessEntries as Props).includes("preview")).toBe(
      preview !== undefined,
    );
    if (preview === undefined) return;
    expect(cluster.accessEntries.preview.accessPolicies).toEqual({
      view: {
        policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
        accessScope: { type: "cluster" },
      },
    });
    // On this stack's runner, the one place inside the VPC.
    expect(preview.runner).toBe(outputs.ciRunnerProject);
  });

  if (stack === "dev") {
    it("does not exist: dev is deployed from a laptop", () => {
      expect(settings.ciRunner).toBeUndefined();
      expect(of("aws:codebuild/project:Project")).toEqual([]);
      expect(outputs.ciRunnerProject).toBeUndefined();
    });
    return;
  }

  it("runs GitHub Actions jobs of this repository in the private subnets", () => {
    const [project] = of("aws:codebuild/project:Project").map((r) => r.props);
    expect(project!.source).toMatchObject({
      type: "GITHUB",
      location: `https://github.com/${settings.githubRepository}.git`,
      auth: { type: "CODECONNECTIONS", resource: settings.ciRunner!.connectionArn },
    });
    expect(project!.environment).toMatchObject({ image: RUNNER_IMAGE, privilegedMode: false });
    expect(project!.vpcConfig.subnets).toEqual([
      "subnet-private-a",
      "subnet-private-b",
      "subnet-private-c",
    ]);
    const [webhook] = of("aws:codebuild/webhook:Webhook").map((r) => r.props);
    expect(webhook!.projectName).toBe(project!.name);
    expect(webhook!.filterGroups).toEqual([
      { filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] },
    ]);
  });

  it("is the runner the deploy job asks for", () => {
    expect(deployJobLabel(stack)).toBe(runnerLabelPrefix(outputs.ciRunnerProject as string));
  });

  it("reaches the Kubernetes API on 443 and nothing reaches it", () => {
    const group = of("aws:ec2/securityGroup:SecurityGroup").find((r) =>
      r.name.endsWith("ci-runner"),
    )!;
    const groupId = `${group.name}-id`;
    const refersToGroup = (r: { props: Props }) =>
      r.props.securityGroupId === groupId || r.props.referencedSecurityGroupId === groupId;
    expect(
      of("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        .filter(refersToGroup)
        .map((r) => [r.props.securityGroupId, r.props.fromPort, r.props.toPort]),
    ).toEqual([["sg-0eks-cluster", 443, 443]]);
    expect(
      of("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
        .filter(refersToGroup)
        .map((r) => [r.props.fromPort, r.props.toPort]),
    ).toEqual([[443, 443]]);
    expect(group.props.ingress ?? []).toEqual([]);
  });

  it("has a role CodeBuild assumes, with no access to the cluster of its own", () => {
    const role = of("aws:iam/role:Role").find((r) => r.name.endsWith("ci-runner"))!;
    expect(JSON.parse(role.props.assumeRolePolicy).Statement[0].Principal).toEqual({
      Service: "codebuild.amazonaws.com",
    });
    const policy = JSON.parse(
      of("aws:iam/rolePolicy:RolePolicy").find((r) => r.name.endsWith("ci-runner"))!.props.policy,
    ) as { Statement: Props[] };
    const actions = policy.Statement.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions.filter((a) => /^(eks|iam|sts|secretsmanager|s3):/.test(a))).toEqual([]);
    const entries = of("aws:eks/accessEntry:AccessEntry").map((r) => r.props.principalArn);
    const cluster = of("eks:index:Cluster")[0]!.props;
    const principals = [
      ...entries,
      ...Object.values((cluster.accessEntries ?? {}) as Props).map((e: Props) => e.principalArn),
    ];
    expect(principals).not.toContain(
      role.props.arn ?? `arn:aws:iam::123456789012:role/${role.props.name}`,
    );
  });

  it("passes the policy pack", async () => {
    expect(await evaluatePolicies(resources)).toEqual([]);
  });
});
