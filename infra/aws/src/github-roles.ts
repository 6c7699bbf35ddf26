import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { GITHUB_OIDC_URL, githubOidcProviderArn } from "./github-oidc-provider.js";
import { infraStatements, previewStatements } from "./iam-boundary.js";
import { policyDocument, webIdentityTrust } from "./iam-documents.js";
import { permissionsBoundary } from "./permissions-boundary.js";

export const GITHUB_ISSUER = GITHUB_OIDC_URL;

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
 * Each carries the stack's permissions boundary (permissions-boundary.ts).
 */
export function createGithubRoles(
  ctx: StackContext,
  repository: aws.ecr.Repository,
  // The deploy role no longer reaches the cluster: deployments go through the infra role.
  _clusterName: string,
): GithubRoles {
  const repo = ctx.config.githubRepository;
  const providerArn = githubOidcProviderArn(ctx);
  const environmentSubject = `repo:${repo}:environment:${githubEnvironment(ctx)}`;
  const { account, region } = ctx;

  const role = (suffix: string, subjects: string[]) =>
    new aws.iam.Role(
      ctx.name(suffix),
      {
        name: ctx.name(suffix),
        assumeRolePolicy: webIdentityTrust(providerArn, GITHUB_ISSUER, subjects),
        permissionsBoundary: permissionsBoundary(ctx).arn,
        maxSessionDuration: 3600,
        tags: ctx.tags,
      },
      { provider: ctx.provider },
    );

  // environment.yml copies the verified digest to this environment's ECR: from the environment
  // only (after its reviewers for production), and nothing else.
  const deploy = role("github-deploy", [environmentSubject]);
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
      ]),
    },
    { provider: ctx.provider },
  );

  const scope = pulumi.all([account, region]).apply(([accountId, regionName]) => ({
    account: accountId,
    region: regionName,
    environment: ctx.config.environment,
  }));
  const document = (statements: pulumi.Output<unknown>) =>
    statements.apply((list) => JSON.stringify({ Version: "2012-10-17", Statement: list }));

  // infra.yml on pull requests: `pulumi preview` reads the configuration, never data (no log
  // events, objects, secret values or image layers): not ReadOnlyAccess, which reads them all.
  const preview = role("github-preview", [`repo:${repo}:pull_request`, environmentSubject]);
  new aws.iam.RolePolicy(
    ctx.name("github-preview"),
    { role: preview.id, policy: document(scope.apply(previewStatements)) },
    { provider: ctx.provider },
  );

  // infra.yml and deploy.yml in the environment: `pulumi up`. The services this program uses in
  // its region; IAM only for this environment's roles and only with the boundary on; never its own
  // role nor the boundary; destructive actions only on resources tagged with its environment
  // (iam-boundary.ts). Its own permissions change only by an administrator's `pulumi up`.
  const infra = role("github-infra", [environmentSubject]);
  new aws.iam.RolePolicy(
    ctx.name("github-infra"),
    {
      role: infra.id,
      policy: document(
        pulumi
          .all([scope, infra.arn])
          .apply(([stackScope, infraArn]) => infraStatements(stackScope, infraArn)),
      ),
    },
    { provider: ctx.provider },
  );

  return { deploy, infra, preview };
}
