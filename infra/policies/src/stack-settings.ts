// Shared by infra/aws and infra/cluster: reading and validating a stack's settings.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { z } from "zod";

/** Validates raw stack settings against a schema; the error names every wrong key. */
export function parseStackSettings<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  project: string,
): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${project}:${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(`Invalid stack configuration:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** The `config` map of <projectDir>/Pulumi.<stack>.yaml, keys as Pulumi writes them (`project:key`). */
export function readStackFile(projectDir: URL, stack: string): Record<string, unknown> {
  const file = new URL(`Pulumi.${stack}.yaml`, projectDir);
  const document = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  return document.config ?? {};
}

/** This project's keys of a stack file, without the `project:` prefix. */
export function projectSettings(config: Record<string, unknown>, project: string) {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith(`${project}:`))
      .map(([key, value]) => [key.slice(project.length + 1), value]),
  );
}
