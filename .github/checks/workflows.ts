import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const GITHUB_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_ROOT = join(GITHUB_DIR, "..");

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  "working-directory"?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string;
}
export interface Job {
  "timeout-minutes"?: number;
  steps?: Step[];
  uses?: string;
  if?: string;
  needs?: string | string[];
  permissions?: unknown;
  environment?: string | { name?: string };
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  secrets?: string | Record<string, unknown>;
}
export interface Workflow {
  file: string;
  text: string;
  on: unknown;
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

export function parseWorkflow(file: string, text: string): Workflow {
  const data = parse(text) as Omit<Workflow, "file" | "text">;
  return { ...data, file, text };
}

export function loadWorkflows(): Workflow[] {
  const dir = join(GITHUB_DIR, "workflows");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => parseWorkflow(`workflows/${f}`, readFileSync(join(dir, f), "utf8")));
}

export const steps = (workflow: Workflow) =>
  Object.entries(workflow.jobs).flatMap(([job, j]) =>
    (j.steps ?? []).map((step) => ({ job, step })),
  );
