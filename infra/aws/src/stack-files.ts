import {
  projectSettings as settingsOf,
  readStackFile as read,
} from "@fil-rouge/infra-policies/stack-settings";

export const STACKS = ["dev", "staging", "prod"] as const;

const PROJECT_DIR = new URL("../", import.meta.url);

/** The `config` map of infra/aws/Pulumi.<stack>.yaml. */
export const readStackFile = (stack: string) => read(PROJECT_DIR, stack);
export const projectSettings = settingsOf;
