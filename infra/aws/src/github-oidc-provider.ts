import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";

/** GitHub Actions' OIDC issuer: the URL of the account's one provider for it. */
export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";

/**
 * The account's IAM OIDC provider for GitHub Actions. IAM allows one provider per URL in an
 * account, so only one stack may own it (`githubOidcProvider: create`, dev here); the others look
 * it up by URL (`lookup`). The owner keeps it on destroy (retainOnDelete): the other stacks' roles
 * trust it, and a destroyed then re-created dev finds it again with `lookup`
 * (infra/README.md, tear down).
 */
export function githubOidcProviderArn(ctx: StackContext): pulumi.Output<string> {
  if (ctx.config.githubOidcProvider === "lookup")
    return aws.iam.getOpenIdConnectProviderOutput(
      { url: GITHUB_OIDC_URL },
      { provider: ctx.provider },
    ).arn;
  return new aws.iam.OpenIdConnectProvider(
    ctx.name("github"),
    { url: GITHUB_OIDC_URL, clientIdLists: ["sts.amazonaws.com"], tags: ctx.tags },
    { provider: ctx.provider, retainOnDelete: true },
  ).arn;
}
