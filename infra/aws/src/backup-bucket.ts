import type * as aws from "@pulumi/aws";
import type { StackContext } from "./context.js";
import { createPrivateBucket } from "./private-bucket.js";

/**
 * Where the nightly pg_dump of k8s/components/aws/backup-cronjob.yaml lands: private, versioned
 * (an overwrite or delete keeps the previous dump), encrypted with the stack's key, reachable only
 * over TLS, moved to colder storage and finally expired.
 */
export function createBackupBucket(ctx: StackContext, key: aws.kms.Key): aws.s3.Bucket {
  const { backups } = ctx.config;
  return createPrivateBucket(ctx, key, "db-backups", {
    versioned: true,
    lifecycleRules: [
      {
        id: "dumps",
        status: "Enabled",
        filter: { prefix: "postgres/" },
        transitions: [{ days: backups.coldAfterDays, storageClass: "GLACIER_IR" }],
        expiration: { days: backups.expireDays },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
      {
        id: "abandoned-uploads",
        status: "Enabled",
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ],
  });
}
