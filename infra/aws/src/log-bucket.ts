import type * as aws from "@pulumi/aws";
import type { StackContext } from "./context.js";
import { createPrivateBucket } from "./private-bucket.js";

/**
 * Loki's chunks and index (infra/cluster/src/logs.ts, docs/adr/0012-log-store.md): the same
 * guarantees as the backup bucket, without versioning, since the deletions Loki's compactor makes
 * after `logs.retentionDays` must free the space. The lifecycle rule is only a backstop for chunks
 * the compactor has orphaned, scoped as Loki's retention page asks: the single tenant's chunk
 * prefix (`fake/`, auth disabled), never the index or the compactor's markers, and a week after
 * the retention period (longer than it plus the compactor's 2 h delete delay).
 * https://grafana.com/docs/loki/latest/operations/storage/retention/#object-store-lifecycle-policies
 */
export function createLogBucket(ctx: StackContext, key: aws.kms.Key): aws.s3.Bucket {
  return createPrivateBucket(ctx, key, "logs", {
    versioned: false,
    lifecycleRules: [
      {
        id: "chunks-backstop-after-retention",
        status: "Enabled",
        filter: { prefix: `${LOKI_TENANT}/` },
        expiration: { days: logBackstopDays(ctx.config.logs.retentionDays) },
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

/** Loki's tenant when authentication is off, and so the prefix of its chunk objects. */
export const LOKI_TENANT = "fake";

/** The lifecycle expiration: a week after Loki's own retention has deleted what it should. */
export function logBackstopDays(retentionDays: number): number {
  return retentionDays + 7;
}
