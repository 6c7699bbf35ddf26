import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { refersTo } from "../resource-links.js";

const BUCKET = "aws:s3/bucket:Bucket";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACL_TYPES = new Set(["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"]);
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

function fullyBlocked(block: PolicyResource) {
  return FLAGS.every((flag) => block.props[flag] === true);
}

export const s3PrivateBuckets: StackValidationPolicy = {
  name: "s3-private-buckets",
  description:
    "Every S3 bucket has a public access block with all four settings on, and no public ACL.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const blocks = args.resources.filter((r) => r.type === BLOCK);
    for (const bucket of args.resources.filter((r) => r.type === BUCKET)) {
      const block = blocks.find((b) => refersTo(b, "bucket", bucket));
      if (!block) {
        reportViolation(`Bucket ${bucket.name} has no BucketPublicAccessBlock.`, bucket.urn);
      } else if (!fullyBlocked(block)) {
        reportViolation(
          `Bucket ${bucket.name}: its public access block must set ${FLAGS.join(", ")} to true.`,
          block.urn,
        );
      }
    }
    for (const acl of args.resources.filter((r) => ACL_TYPES.has(r.type))) {
      if (PUBLIC_ACLS.has(String(acl.props.acl))) {
        reportViolation(`${acl.name} grants the public ACL "${String(acl.props.acl)}".`, acl.urn);
      }
    }
  },
};
