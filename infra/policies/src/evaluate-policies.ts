import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { policies as allPolicies } from "./policies.js";

/** A resource as a program's test recorded it under mocks. */
export interface RecordedResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
}

export interface Violation {
  policy: string;
  resource: string;
  message: string;
}

function asPolicyResource(resource: RecordedResource): PolicyResource {
  return {
    type: resource.type,
    name: resource.name,
    urn: `urn:pulumi:test::test::${resource.type}::${resource.name}`,
    props: resource.props,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: {},
      additionalSecretOutputs: [],
    },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  } as unknown as PolicyResource;
}

/**
 * Runs the pack's policies over recorded resources the way the Pulumi engine would: resource
 * policies once per resource, stack policies once over all of them. Returns every violation.
 */
export async function evaluatePolicies(
  resources: RecordedResource[],
  policies: (ResourceValidationPolicy | StackValidationPolicy)[] = allPolicies,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const stack = resources.map(asPolicyResource);
  const noConfig = () => ({}) as never;
  const notApplicable = (): never => {
    throw new Error("not applicable");
  };
  for (const policy of policies) {
    const report =
      (resourceName: string): ReportViolation =>
      (message, urn) => {
        violations.push({ policy: policy.name, resource: urn ?? resourceName, message });
      };
    if ("validateResource" in policy) {
      const validations = [policy.validateResource ?? []].flat();
      for (const resource of stack) {
        const args = {
          ...resource,
          stackTags: new Map<string, string>(),
          getConfig: noConfig,
          notApplicable,
        } as unknown as ResourceValidationArgs;
        for (const validate of validations) await validate(args, report(resource.name));
      }
    } else if ("validateStack" in policy) {
      await policy.validateStack(
        { resources: stack, stackTags: new Map(), getConfig: noConfig, notApplicable },
        report("stack"),
      );
    }
  }
  return violations;
}
