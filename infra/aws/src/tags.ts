import type { StackConfig } from "./config.js";

/** The four tags every resource carries (the policy pack rejects a resource without them). */
export function requiredTags(config: StackConfig): Record<string, string> {
  return {
    project: "shortlinks",
    environment: config.environment,
    owner: config.owner,
    "cost-center": config.costCenter,
  };
}
