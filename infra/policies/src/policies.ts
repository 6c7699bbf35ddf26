// The pack's rules, importable without starting anything (constructing a PolicyPack starts the
// analyzer's gRPC server, so only index.ts does that).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ecrScanOnPush } from "./rules/ecr-scan-on-push.js";
import { iamRolesBounded } from "./rules/iam-roles-bounded.js";
import { imdsv2Required } from "./rules/imdsv2-required.js";
import { kmsKeyRotation } from "./rules/kms-key-rotation.js";
import { noOpenIngress } from "./rules/no-open-ingress.js";
import { rdsEncryptedPrivate } from "./rules/rds-encrypted-private.js";
import { requiredTags } from "./rules/required-tags.js";
import { s3PrivateBuckets } from "./rules/s3-private-buckets.js";
import { s3TlsOnly } from "./rules/s3-tls-only.js";

export const POLICY_PACK_NAME = "shortlinks-aws-guardrails";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  s3PrivateBuckets,
  s3TlsOnly,
  rdsEncryptedPrivate,
  noOpenIngress,
  imdsv2Required,
  kmsKeyRotation,
  ecrScanOnPush,
  iamRolesBounded,
  requiredTags,
];
