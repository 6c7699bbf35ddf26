import type { ResourceValidationPolicy } from "@pulumi/policy";

const WITH_METADATA_OPTIONS = new Set([
  "aws:ec2/instance:Instance",
  "aws:ec2/launchTemplate:LaunchTemplate",
]);

export const imdsv2Required: ResourceValidationPolicy = {
  name: "imdsv2-required",
  description:
    "Instances and launch templates require IMDSv2 tokens; EKS node groups use a launch template.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (WITH_METADATA_OPTIONS.has(args.type)) {
      const options = args.props.metadataOptions as { httpTokens?: string } | undefined;
      if (options?.httpTokens !== "required") {
        reportViolation(`${args.name}: metadataOptions.httpTokens must be "required" (IMDSv2).`);
      }
    }
    // Without a launch template, a managed node group's instances still accept IMDSv1.
    if (args.type === "aws:eks/nodeGroup:NodeGroup" && !args.props.launchTemplate) {
      reportViolation(`${args.name}: set a launch template that requires IMDSv2.`);
    }
  },
};
