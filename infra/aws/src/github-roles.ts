import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { policyDocument, webIdentityTrust } from "./iam-documents.js";

export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

/** The GitHub environment whose jobs may act on this stack (.github/workflows). */
export function githubEnvironment(ctx: StackContext): string {
  return ctx.config.environment === "prod" ? "production" : ctx.config.environment;
}

export interface GithubRoles {
  deploy: aws.iam.Role;
  infra: aws.iam.Role;
  preview: aws.iam.Role;
}

/**
 * Roles that GitHub Actions assumes with its OIDC token: no access key stored in GitHub. Each trust
 * names this repository and, for the roles that change something, the GitHub environment, whose
 * protection rules (required reviewers for production) then guard the credentials themselves.
 */
export function createGithubRoles(
  ctx: StackContext,
  repository: aws.ecr.Repository,
  clusterName: string,
): GithubRoles {
  const repo = ctx.config.githubRepository;
  const providerArn =
    ctx.config.githubOidcProviderArn ??
    new aws.iam.OpenIdConnectProvider(
      ctx.name("github"),
      {
        url: GITHUB_ISSUER,
        clientIdLists: ["sts.amazonaws.com"],
        tags: ctx.tags,
      },
      { provider: ctx.provider },
    ).arn;
  const environmentSubject = `repo:${repo}:environment:${githubEnvironment(ctx)}`;
  const { account, region } = ctx;

  const role = (suffix: string, subjects: string[]) =>
    new aws.iam.Role(
      ctx.name(suffix),
      {
        name: ctx.name(suffix),
        assumeRolePolicy: webIdentityTrust(providerArn, GITHUB_ISSUER, subjects),
        maxSessionDuration: 3600,
        tags: ctx.tags,
      },
      { provider: ctx.provider },
    );

  // image.yml on main pushes the image to ECR; deploy.yml's jobs (in the environment) may also
  // read the application's namespace (EKS access entry: one namespace, edit).
  const deploy = role("github-deploy", [`repo:${repo}:ref:refs/heads/main`, environmentSubject]);
  new aws.iam.RolePolicy(
    ctx.name("github-deploy"),
    {
      role: deploy.id,
      policy: policyDocument([
        {
          Sid: "RegistryLogin",
          Effect: "Allow",
          Action: "ecr:GetAuthorizationToken",
          Resource: "*",
        },
        {
          Sid: "PushApiImage",
          Effect: "Allow",
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:CompleteLayerUpload",
            "ecr:DescribeImages",
            "ecr:InitiateLayerUpload",
            "ecr:PutImage",
            "ecr:UploadLayerPart",
          ],
          Resource: repository.arn,
        },
        {
          Sid: "FindCluster",
          Effect: "Allow",
          Action: "eks:DescribeCluster",
          Resource: pulumi.interpolate`arn:aws:eks:${region}:${account}:cluster/${clusterName}`,
        },
      ]),
    },
    { provider: ctx.provider },
  );

  // infra.yml on pull requests: `pulumi preview` reads, it never writes.
  const preview = role("github-preview", [`repo:${repo}:pull_request`, environmentSubject]);
  new aws.iam.RolePolicyAttachment(
    ctx.name("github-preview"),
    {
      role: preview.name,
      policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    },
    { provider: ctx.provider },
  );

  // infra.yml on main: `pulumi up`. Scoped to the services this program uses, the stack's region,
  // and the project's names where AWS lets a name be known before creation. It manages IAM roles
  // named shortlinks-*, so it is in effect the project's administrator: only the GitHub
  // environment, with its required reviewers, may assume it.
  const infra = role("github-infra", [environmentSubject]);
  const project = (service: string, path: string) =>
    pulumi.interpolate`arn:aws:${service}::${account}:${path}`;
  new aws.iam.RolePolicy(
    ctx.name("github-infra"),
    {
      role: infra.id,
      policy: policyDocument([
        {
          Sid: "RegionalServices",
          Effect: "Allow",
          Action: [
            "ec2:*",
            "eks:*",
            "rds:*",
            "kms:*",
            "logs:*",
            "ecr:*",
            "secretsmanager:*",
            "ssm:GetParameter*",
            "pi:*",
          ],
          Resource: "*",
          Condition: { StringEquals: { "aws:RequestedRegion": region } },
        },
        {
          Sid: "ProjectBuckets",
          Effect: "Allow",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::shortlinks-*", "arn:aws:s3:::shortlinks-*/*"],
        },
        {
          Sid: "ProjectIdentities",
          Effect: "Allow",
          Action: "iam:*",
          Resource: [
            project("iam", "role/shortlinks-*"),
            project("iam", "instance-profile/shortlinks-*"),
            project("iam", "oidc-provider/*"),
          ],
        },
        {
          Sid: "ServiceLinkedRoles",
          Effect: "Allow",
          Action: "iam:CreateServiceLinkedRole",
          Resource: "*",
          Condition: {
            StringLike: {
              "iam:AWSServiceName": [
                "eks.amazonaws.com",
                "eks-nodegroup.amazonaws.com",
                "rds.amazonaws.com",
                "autoscaling.amazonaws.com",
              ],
            },
          },
        },
        { Sid: "WhoAmI", Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" },
      ]),
    },
    { provider: ctx.provider },
  );

  return { deploy, infra, preview };
}
