import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config.js";
import { requiredTags } from "./tags.js";

/** What every part of the program needs: the validated settings, the tags and the naming rule. */
export interface StackContext {
  config: StackConfig;
  tags: Record<string, string>;
  /** `shortlinks-<environment>-<suffix>`: one naming rule, so resources sort together in the console. */
  name(suffix?: string): string;
  /**
   * The one AWS provider of the program, with the required tags as `defaultTags`. Every resource
   * gets `{ provider }` and every component (pulumi-eks, awsx) `{ providers: { aws: provider } }`,
   * so the resources a component creates inside its own code (pulumi-eks 4.3.0 makes the cluster's
   * OIDC provider without tags) are tagged too: the AWS provider merges its default tags into
   * `tags`/`tagsAll` during Check (pulumi/pulumi-aws#2655), which is what the policy pack sees.
   */
  provider: aws.Provider;
  /** The account and region the stack deploys to, asked of AWS once for every ARN built here. */
  account: pulumi.Output<string>;
  region: pulumi.Output<string>;
}

export function createContext(config: StackConfig): StackContext {
  const tags = requiredTags(config);
  const name = (suffix?: string) =>
    ["shortlinks", config.environment, suffix].filter(Boolean).join("-");
  const provider = new aws.Provider(name("aws"), {
    // An explicit provider does not read the stack's `aws:region` (only the default one does).
    region: new pulumi.Config("aws").require("region"),
    defaultTags: { tags },
  });
  return {
    config,
    tags,
    name,
    provider,
    account: aws.getCallerIdentityOutput({}, { provider }).accountId,
    region: aws.getRegionOutput({}, { provider }).region,
  };
}
