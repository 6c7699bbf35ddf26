import type { StackConfig } from "./config.js";
import { requiredTags } from "./tags.js";

/** What every part of the program needs: the validated settings, the tags and the naming rule. */
export interface StackContext {
  config: StackConfig;
  tags: Record<string, string>;
  /** `shortlinks-<environment>-<suffix>`: one naming rule, so resources sort together in the console. */
  name(suffix?: string): string;
}

export function createContext(config: StackConfig): StackContext {
  return {
    config,
    tags: requiredTags(config),
    name: (suffix) => ["shortlinks", config.environment, suffix].filter(Boolean).join("-"),
  };
}
