import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every role carries a permissions boundary (infra/aws/src/iam-boundary.ts): the infra role may
 * only create roles with it, so a role without one is either not from this program or an escape.
 */
export const iamRolesBounded: ResourceValidationPolicy = {
  name: "iam-roles-bounded",
  description: "IAM roles carry the stack's permissions boundary (a managed policy).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:iam/role:Role") return;
    const boundary = args.props.permissionsBoundary as unknown;
    if (typeof boundary !== "string" || !/^arn:aws[\w-]*:iam::\d{12}:policy\//.test(boundary)) {
      reportViolation(`${args.name}: set permissionsBoundary to the stack's boundary policy.`);
    }
  },
};
