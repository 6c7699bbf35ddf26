import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config.js";
import { requiredTags } from "./tags.js";

/** What every part of the program needs: the validated settings, the tags and the naming rule. */
export interface StackContext {
  config: StackConfig;
  tags: Record<string, string>;
  /** `shortlinks-<environment>-<suffix>`: one naming rule, so resources sort together in the console. */
  name(suffix?: string): string;
  /** The account and region the stack deploys to, asked of AWS once for every ARN built here. */
  account: pulumi.Output<string>;
  region: pulumi.Output<string>;
}

export function createContext(config: StackConfig): StackContext {
  return {
    config,
    tags: requiredTags(config),
    name: (suffix) => ["shortlinks", config.environment, suffix].filter(Boolean).join("-"),
    account: aws.getCallerIdentityOutput().accountId,
    region: aws.getRegionOutput().region,
  };
}
