import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const STACKS = ["dev", "staging", "prod"] as const;
export type StackName = (typeof STACKS)[number];

/** The `config` map of Pulumi.<stack>.yaml, keys as Pulumi writes them (`project:key`). */
export function readStackFile(stack: string): Record<string, unknown> {
  const file = new URL(`../Pulumi.${stack}.yaml`, import.meta.url);
  const document = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  return document.config ?? {};
}

/** This project's keys of a stack file, without the `project:` prefix (what parseStackConfig takes). */
export function projectSettings(config: Record<string, unknown>, project: string) {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith(`${project}:`))
      .map(([key, value]) => [key.slice(project.length + 1), value]),
  );
}
