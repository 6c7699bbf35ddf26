import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { refersTo } from "../resource-links.js";

interface Statement {
  Effect?: string;
  Condition?: Record<string, Record<string, unknown>>;
}

/** A bucket policy statement that denies every request made without TLS. */
export function deniesInsecureTransport(policy: unknown): boolean {
  if (typeof policy !== "string") return false;
  let document: { Statement?: Statement | Statement[] };
  try {
    document = JSON.parse(policy) as typeof document;
  } catch {
    return false;
  }
  const statements = [document.Statement ?? []].flat();
  return statements.some(
    (s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false",
  );
}

export const s3TlsOnly: StackValidationPolicy = {
  name: "s3-tls-only",
  description: "Every S3 bucket has a bucket policy that denies requests without TLS.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const policies = args.resources.filter((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy");
    const bucketPolicy = (bucket: PolicyResource) =>
      policies.find((p) => refersTo(p, "bucket", bucket));
    for (const bucket of args.resources.filter((r) => r.type === "aws:s3/bucket:Bucket")) {
      const policy = bucketPolicy(bucket);
      if (!policy || !deniesInsecureTransport(policy.props.policy)) {
        reportViolation(
          `Bucket ${bucket.name} needs a bucket policy denying requests where aws:SecureTransport is false.`,
          bucket.urn,
        );
      }
    }
  },
};
