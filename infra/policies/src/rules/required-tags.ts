import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REQUIRED_TAGS, TAGGABLE_TYPES } from "../tags.js";

export const requiredTags: ResourceValidationPolicy = {
  name: "required-tags",
  description: `Taggable AWS resources carry the tags ${REQUIRED_TAGS.join(", ")}.`,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const { tags, tagsAll } = args.props as {
      tags?: Record<string, string>;
      tagsAll?: Record<string, string>;
    };
    const taggable = TAGGABLE_TYPES.has(args.type) || tags !== undefined || tagsAll !== undefined;
    if (!args.type.startsWith("aws:") || !taggable) return;
    // tagsAll includes the provider's default tags once AWS has computed it.
    const present = { ...tagsAll, ...tags };
    const missing = REQUIRED_TAGS.filter((tag) => !present[tag]);
    if (missing.length > 0) {
      reportViolation(`${args.name} (${args.type}) lacks the tags: ${missing.join(", ")}.`);
    }
  },
};
