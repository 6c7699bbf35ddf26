import {
  projectSettings as settingsOf,
  readStackFile as read,
} from "@fil-rouge/infra-policies/stack-settings";

const PROJECT_DIR = new URL("../", import.meta.url);

/** The `config` map of infra/cluster/Pulumi.<stack>.yaml. */
export const readStackFile = (stack: string) => read(PROJECT_DIR, stack);
export const projectSettings = settingsOf;
