import * as aws from "@pulumi/aws";
import type { StackContext } from "./context.js";

/**
 * The API's image repository: tags cannot be overwritten (a deployed digest stays what was
 * tested), every push is scanned, and old images expire.
 */
export function createRegistry(ctx: StackContext, key: aws.kms.Key): aws.ecr.Repository {
  const repository = new aws.ecr.Repository(
    ctx.name("api"),
    {
      name: `shortlinks-${ctx.config.environment}/api`,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }],
      forceDelete: ctx.config.environment === "dev",
      tags: ctx.tags,
    },
    { provider: ctx.provider },
  );
  new aws.ecr.LifecyclePolicy(
    ctx.name("api"),
    {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: "Untagged layers left by builds go after a week",
            selection: {
              tagStatus: "untagged",
              countType: "sinceImagePushed",
              countUnit: "days",
              countNumber: 7,
            },
            action: { type: "expire" },
          },
          {
            rulePriority: 2,
            description: "Keep the last 100 images: enough to roll back for months",
            selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 100 },
            action: { type: "expire" },
          },
        ],
      }),
    },
    { provider: ctx.provider },
  );
  return repository;
}
