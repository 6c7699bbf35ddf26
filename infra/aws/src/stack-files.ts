import { projectSettings, readStackFile as read } from "@fil-rouge/infra-policies/stack-settings";
import { PROJECT } from "./config.js";

export const STACKS = ["dev", "staging", "prod"] as const;
const PROJECT_DIR = new URL("../", import.meta.url);

/** The `config` map of infra/aws/Pulumi.<stack>.yaml, keys as Pulumi writes them. */
export const readStackFile = (stack: string) => read(PROJECT_DIR, stack);

/** This project's settings in that file, without the `project:` prefix (what the config parses). */
export const stackSettings = (stack: string) => projectSettings(readStackFile(stack), PROJECT);
