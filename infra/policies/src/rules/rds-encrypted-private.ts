import type { ResourceValidationPolicy } from "@pulumi/policy";

const DATABASE_TYPES = new Set(["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"]);

export const rdsEncryptedPrivate: ResourceValidationPolicy = {
  name: "rds-encrypted-private-backed-up",
  description: "RDS databases are encrypted at rest, not publicly accessible, and backed up.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!DATABASE_TYPES.has(args.type)) return;
    const { storageEncrypted, publiclyAccessible, backupRetentionPeriod } = args.props;
    if (storageEncrypted !== true) reportViolation(`${args.name}: storageEncrypted must be true.`);
    if (publiclyAccessible === true) {
      reportViolation(`${args.name}: publiclyAccessible must be false.`);
    }
    if (typeof backupRetentionPeriod !== "number" || backupRetentionPeriod < 1) {
      reportViolation(`${args.name}: backupRetentionPeriod must be at least 1 day.`);
    }
  },
};
