import type { PolicyResource } from "@pulumi/policy";

/**
 * Whether `resource.props[property]` points at `target` (a bucket policy at its bucket, a rule at
 * its security group). Pulumi records the link in propertyDependencies even while the value is
 * still unknown (a first preview); once created, the value itself is the target's name or id.
 */
export function refersTo(resource: PolicyResource, property: string, target: PolicyResource) {
  const dependencies = resource.propertyDependencies[property] ?? [];
  if (dependencies.some((dependency) => dependency.urn === target.urn)) return true;
  const value: unknown = resource.props[property];
  if (value === undefined || value === null || value === "") return false;
  return ["id", "bucket", "arn", "name"].some((key) => target.props[key] === value);
}
