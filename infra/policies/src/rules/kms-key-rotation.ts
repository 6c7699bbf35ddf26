import type { ResourceValidationPolicy } from "@pulumi/policy";

export const kmsKeyRotation: ResourceValidationPolicy = {
  name: "kms-key-rotation",
  description: "Symmetric KMS keys rotate their key material every year.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:kms/key:Key") return;
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
    const spec = (args.props.customerMasterKeySpec ??
      args.props.keySpec ??
      "SYMMETRIC_DEFAULT") as string;
    if (spec === "SYMMETRIC_DEFAULT" && args.props.enableKeyRotation !== true) {
      reportViolation(`${args.name}: enableKeyRotation must be true.`);
    }
  },
};
