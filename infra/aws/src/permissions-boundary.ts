import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackContext } from "./context.js";
import { boundaryName, boundaryStatements } from "./iam-boundary.js";

const boundaries = new WeakMap<StackContext, aws.iam.Policy>();

/**
 * The stack's permissions boundary (iam-boundary.ts), created on first use: every role of the
 * program carries it (`permissionsBoundary: permissionsBoundary(ctx).arn`), and the infra role may
 * create no role without it. Created by the administrator's first `pulumi up` (infra/aws/README.md):
 * the infra role may not change it afterwards.
 */
export function permissionsBoundary(ctx: StackContext): aws.iam.Policy {
  const existing = boundaries.get(ctx);
  if (existing) return existing;
  const policy = new aws.iam.Policy(
    ctx.name("boundary"),
    {
      name: boundaryName(ctx.config.environment),
      description: "Ceiling of every role of this environment; roles are created with it only",
      policy: pulumi.all([ctx.account, ctx.region]).apply(([account, region]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: boundaryStatements({
            account,
            region,
            environment: ctx.config.environment,
          }),
        }),
      ),
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );
  boundaries.set(ctx, policy);
  return policy;
}
