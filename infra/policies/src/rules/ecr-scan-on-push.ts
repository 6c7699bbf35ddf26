import type { ResourceValidationPolicy } from "@pulumi/policy";

export const ecrScanOnPush: ResourceValidationPolicy = {
  name: "ecr-scan-on-push",
  description: "ECR repositories scan every image for vulnerabilities when it is pushed.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:ecr/repository:Repository") return;
    const scanning = args.props.imageScanningConfiguration as { scanOnPush?: boolean } | undefined;
    if (scanning?.scanOnPush !== true) {
      reportViolation(`${args.name}: imageScanningConfiguration.scanOnPush must be true.`);
    }
  },
};
