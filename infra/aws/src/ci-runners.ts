import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";
import type { StackContext } from "./context.js";
import { policyDocument, serviceTrust } from "./iam-documents.js";
import { permissionsBoundary } from "./permissions-boundary.js";

/**
 * The CodeBuild image the runner's jobs run in: Ubuntu 22.04 with bash, git, curl and the AWS CLI,
 * the nearest to GitHub's ubuntu runners (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-available.html).
 */
export const RUNNER_IMAGE = "aws/codebuild/standard:7.0";

export interface CiRunner {
  project: aws.codebuild.Project;
  role: aws.iam.Role;
  securityGroup: aws.ec2.SecurityGroup;
}

/**
 * GitHub Actions jobs that talk to the Kubernetes API run here, in the private subnets, on a
 * CodeBuild-hosted runner (docs/adr/0008-ci-access-to-the-cluster.md): a job whose `runs-on` is
 * `codebuild-<project name>-<run id>-<attempt>` is queued, GitHub sends the WORKFLOW_JOB_QUEUED
 * event to the webhook, and CodeBuild starts an ephemeral runner for that one job
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/action-runner.html). The job still
 * assumes the environment's infra role through GitHub's OIDC (the role the cluster's access
 * entry admits); the runner's own role may only run the build, so it gets no cluster access.
 */
export function createCiRunner(
  ctx: StackContext,
  vpc: awsx.ec2.Vpc,
  clusterSecurityGroupId: pulumi.Input<string>,
): CiRunner | undefined {
  const settings = ctx.config.ciRunner;
  if (settings === undefined) return undefined;
  const name = ctx.name("ci-runner");
  const opts = { provider: ctx.provider };
  const { account, region } = ctx;

  const securityGroup = new aws.ec2.SecurityGroup(
    name,
    {
      vpcId: vpc.vpcId,
      description: "CodeBuild-hosted GitHub Actions runner: no inbound, HTTPS out",
      tags: ctx.tags,
    },
    opts,
  );
  // HTTPS out only, through the NAT gateways: GitHub, the npm registry, Pulumi Cloud, AWS APIs,
  // and the cluster's private endpoint.
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-https-out`,
    {
      description: "HTTPS: GitHub, npm, Pulumi Cloud, AWS APIs, the Kubernetes API",
      securityGroupId: securityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      tags: ctx.tags,
    },
    opts,
  );
  new aws.vpc.SecurityGroupIngressRule(
    ctx.name("eks-api-from-ci-runner"),
    {
      description: "Kubernetes API from the CI runner",
      securityGroupId: clusterSecurityGroupId,
      referencedSecurityGroupId: securityGroup.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      tags: ctx.tags,
    },
    opts,
  );

  const logGroup = new aws.cloudwatch.LogGroup(
    name,
    { name: `/aws/codebuild/${name}`, retentionInDays: 30, tags: ctx.tags },
    opts,
  );

  const role = new aws.iam.Role(
    name,
    {
      name,
      assumeRolePolicy: serviceTrust("codebuild.amazonaws.com"),
      // Like every role of the program (permissions-boundary.ts).
      permissionsBoundary: permissionsBoundary(ctx).arn,
      maxSessionDuration: 3600,
      tags: ctx.tags,
    },
    opts,
  );
  // What CodeBuild needs to run a build in a VPC and from a GitHub connection, nothing more
  // (https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html).
  new aws.iam.RolePolicy(
    name,
    {
      role: role.id,
      policy: policyDocument([
        {
          Sid: "Logs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: pulumi.interpolate`${logGroup.arn}:*`,
        },
        {
          Sid: "VpcNetworkInterfaces",
          Effect: "Allow",
          Action: [
            "ec2:CreateNetworkInterface",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeDhcpOptions",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
          ],
          Resource: "*",
        },
        {
          Sid: "NetworkInterfacesInTheVpc",
          Effect: "Allow",
          Action: "ec2:CreateNetworkInterfacePermission",
          Resource: pulumi.interpolate`arn:aws:ec2:${region}:${account}:network-interface/*`,
          Condition: {
            StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
            ArnEquals: {
              "ec2:Vpc": pulumi.interpolate`arn:aws:ec2:${region}:${account}:vpc/${vpc.vpcId}`,
            },
          },
        },
        {
          Sid: "GithubConnection",
          Effect: "Allow",
          Action: [
            "codeconnections:GetConnection",
            "codeconnections:GetConnectionToken",
            "codeconnections:UseConnection",
          ],
          Resource: settings.connectionArn,
        },
      ]),
    },
    opts,
  );

  const project = new aws.codebuild.Project(
    name,
    {
      name,
      description: "Ephemeral GitHub Actions runners in the private subnets (docs/adr/0008)",
      serviceRole: role.arn,
      artifacts: { type: "NO_ARTIFACTS" },
      environment: {
        type: "LINUX_CONTAINER",
        computeType: settings.computeType,
        image: RUNNER_IMAGE,
        imagePullCredentialsType: "CODEBUILD",
        privilegedMode: false,
      },
      source: {
        type: "GITHUB",
        location: `https://github.com/${ctx.config.githubRepository}.git`,
        auth: { type: "CODECONNECTIONS", resource: settings.connectionArn },
      },
      vpcConfig: {
        vpcId: vpc.vpcId,
        subnets: vpc.privateSubnetIds,
        securityGroupIds: [securityGroup.id],
      },
      logsConfig: { cloudwatchLogs: { groupName: logGroup.name, status: "ENABLED" } },
      buildTimeout: 60,
      tags: ctx.tags,
    },
    { ...opts, dependsOn: [logGroup] },
  );

  // One runner per queued job of this repository whose label names the project.
  new aws.codebuild.Webhook(
    name,
    {
      projectName: project.name,
      buildType: "BUILD",
      filterGroups: [{ filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] }],
    },
    opts,
  );

  return { project, role, securityGroup };
}

/** The `runs-on` label of a job for this runner, without the run id and attempt GitHub adds. */
export const runnerLabelPrefix = (projectName: string) => `codebuild-${projectName}-`;
