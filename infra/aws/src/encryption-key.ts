import * as aws from "@pulumi/aws";
import type { StackContext } from "./context.js";

/**
 * The stack's customer-managed KMS key: Kubernetes secrets envelope encryption, RDS storage and its
 * master secret, Secrets Manager, the backup bucket and ECR. Rotated yearly by AWS.
 */
export function createEncryptionKey(ctx: StackContext): aws.kms.Key {
  const key = new aws.kms.Key(
    ctx.name("key"),
    {
      description: `shortlinks ${ctx.config.environment}: data and secrets encryption`,
      enableKeyRotation: true,
      // The longest wait: a key deleted by mistake can be restored for 30 days.
      deletionWindowInDays: 30,
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );
  new aws.kms.Alias(
    ctx.name("key-alias"),
    {
      name: `alias/${ctx.name()}`,
      targetKeyId: key.keyId,
    },
    { provider: ctx.provider },
  );
  return key;
}
