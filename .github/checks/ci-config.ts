// What a CI run of a Pulumi program gets as configuration: the committed stack file
// (Pulumi.<stack>.yaml) and the Pulumi ESC environments it imports (`environment:`), nothing from
// a laptop. docs/adr/0009-pulumi-secrets-in-ci.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";

/** A Pulumi program as CI sees it. */
export interface CiProgram {
  project: string;
  /** Its folder, relative to the repository root. */
  dir: string;
  /** The settings schema: every key it refuses to do without must be in the stack file. */
  settings: z.ZodObject;
  /** Secrets: each must come from the imported ESC environment, never from the stack file. */
  secrets?: z.ZodObject;
  /** The committed definition of the ESC environment the stack files import, if any. */
  escDefinition?: string;
}

export interface StackFile {
  environment?: string[];
  config?: Record<string, unknown>;
}

/** The keys a schema cannot do without: those for which a missing value fails. */
export const requiredKeys = (schema: z.ZodObject) =>
  Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);

// ESC interpolation: `${path}`, a value taken from elsewhere in the environment.
const REFERENCE = /^\$\{[\w.[\]"-]+\}$/;

/** The config keys an ESC environment definition gives a stack (values.pulumiConfig). */
export function escConfig(definition: string): Record<string, unknown> {
  const document = parse(definition) as { values?: { pulumiConfig?: Record<string, unknown> } };
  return document.values?.pulumiConfig ?? {};
}

/** Why a CI run of `program` on this stack file would miss a key or expose a secret. */
export function ciConfigProblems(program: CiProgram, stack: string, file: StackFile): string[] {
  const where = `${program.dir}/Pulumi.${stack}.yaml`;
  const config = file.config ?? {};
  const problems = requiredKeys(program.settings)
    .filter((key) => !(`${program.project}:${key}` in config))
    .map((key) => `${where}: ${program.project}:${key} is required and not committed`);
  const secrets = program.secrets ? Object.keys(program.secrets.shape) : [];
  if (secrets.length === 0) return problems;

  const esc = program.escDefinition === undefined ? {} : escConfig(program.escDefinition);
  if ((file.environment ?? []).length === 0)
    problems.push(`${where}: imports no ESC environment, so CI gets none of its secrets`);
  for (const key of secrets.map((k) => `${program.project}:${k}`)) {
    if (key in config)
      problems.push(
        `${where}: ${key} is a secret: it comes from the ESC environment, not the file`,
      );
    const value = esc[key];
    if (value === undefined) problems.push(`ESC environment: gives no ${key}`);
    else if (typeof value !== "string" || !REFERENCE.test(value))
      problems.push(`ESC environment: ${key} must be a reference to a value set with --secret`);
  }
  return problems;
}

export interface ConfigSetCommand {
  file: string;
  line: number;
  secret: boolean;
  project: string;
  /** The top-level key (`cluster` for `--path 'shortlinks-aws:cluster.publicAccessCidrs[0]'`). */
  key: string;
}

/** Every `pulumi config set` a text tells someone (or a script) to run. */
export function configSetCommands(file: string, text: string): ConfigSetCommand[] {
  const commands: ConfigSetCommand[] = [];
  text.split("\n").forEach((line, i) => {
    for (const match of line.matchAll(
      /pulumi config set((?:\s+--?[\w-]+(?:\s+"[^"]*")?)*)\s+'?([\w-]+):([\w-]+)/g,
    )) {
      commands.push({
        file,
        line: i + 1,
        secret: /--secret\b/.test(match[1] ?? ""),
        project: match[2] ?? "",
        key: match[3] ?? "",
      });
    }
  });
  return commands;
}

export const readStackDocument = (root: string, dir: string, stack: string) =>
  parse(readFileSync(join(root, dir, `Pulumi.${stack}.yaml`), "utf8")) as StackFile;
