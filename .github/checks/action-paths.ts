// Where each action looks for the paths it is given, read from the source of the pinned version,
// so that the check resolves a path the way the action will on the runner, not the way it reads.
import { posix } from "node:path";
import { steps, type Step, type Workflow } from "./workflows.js";

/** The checkout's root: GITHUB_WORKSPACE, the process's working directory when an action runs. */
const WORKSPACE = "";

interface PathInputs {
  /** Inputs resolved against the workspace. */
  fromWorkspace: string[];
  /** Inputs resolved against another input (itself a workspace path), with its default. */
  fromInput?: { base: string; baseDefault: string; inputs: string[] };
  /** Inputs that take several paths, one per line or separated by semicolons. */
  lists?: string[];
}

/**
 * Actions whose inputs name files, keyed by owner/name.
 * - pulumi/actions v7.0.0 (8e5e406): src/main.ts resolves `work-dir` with
 *   `resolve(GITHUB_WORKSPACE, config.workDir)` and hands it to `LocalWorkspace.selectStack`; the
 *   Automation API (@pulumi/pulumi 3.x, automation/stack.js `runPulumiCmd`) runs the CLI with that
 *   directory as its cwd, so `--policy-pack`, `--policy-pack-config` and `--plan` (the
 *   `policyPacks`, `policyPackConfigs` and `plan` inputs, src/config.ts, split on new lines and
 *   semicolons by parseSemicolorToArray) are relative to `work-dir`. `pulumi-version-file` is read
 *   with `fs.existsSync(versionFile)`, relative to the workspace. action.yml: work-dir defaults to `./`.
 * - actions/setup-node v4.4.0 (49933ea): src/main.ts `path.join(GITHUB_WORKSPACE, node-version-file)`;
 *   `cache-dependency-path` is globbed from the workspace.
 * - docker/build-push-action v6.18.0 (2634353): src/context.ts passes `context` and `--file` to
 *   buildx unchanged, and buildx resolves both from its cwd, the workspace.
 * (actions/checkout's `path` is where it writes, not a path that must exist.)
 */
export const ACTION_PATH_INPUTS: Record<string, PathInputs> = {
  "pulumi/actions": {
    fromWorkspace: ["work-dir", "pulumi-version-file"],
    fromInput: {
      base: "work-dir",
      baseDefault: "./",
      inputs: ["policyPacks", "policyPackConfigs", "plan"],
    },
    lists: ["policyPacks", "policyPackConfigs"],
  },
  "actions/setup-node": { fromWorkspace: ["node-version-file", "cache-dependency-path"] },
  "docker/build-push-action": { fromWorkspace: ["context", "file"] },
};

export interface ResolvedPath {
  job: string;
  step: string;
  input: string;
  value: string;
  /** The path relative to the repository root, as the action will open it. */
  path: string;
}

const actionName = (uses: string) => uses.split("@")[0]?.split("/").slice(0, 2).join("/") ?? "";
const expression = (value: string) => value.includes("${{");
const values = (value: string, list: boolean) =>
  list
    ? value
        .split(/[\n;]/)
        .map((v) => v.trim())
        .filter(Boolean)
    : [value];

function stepPaths(job: string, step: Step): ResolvedPath[] {
  const spec = step.uses === undefined ? undefined : ACTION_PATH_INPUTS[actionName(step.uses)];
  const label = step.name ?? step.uses ?? step.run?.slice(0, 30) ?? "";
  const found: ResolvedPath[] = [];
  const add = (input: string, base: string) => {
    const raw = step.with?.[input];
    if (typeof raw !== "string") return;
    for (const value of values(raw, spec?.lists?.includes(input) ?? false)) {
      // A path computed at run time cannot be checked here; a literal one must exist.
      if (expression(value)) continue;
      found.push({
        job,
        step: label,
        input,
        value,
        path: posix.normalize(posix.join(base, value)),
      });
    }
  };
  // A run step's working-directory, like every action's, starts at the workspace.
  if (step.run !== undefined && step["working-directory"] !== undefined)
    found.push({
      job,
      step: label,
      input: "working-directory",
      value: step["working-directory"],
      path: posix.normalize(step["working-directory"]),
    });
  if (spec === undefined) return found;
  for (const input of spec.fromWorkspace) add(input, WORKSPACE);
  if (spec.fromInput) {
    const given = step.with?.[spec.fromInput.base];
    const base = typeof given === "string" ? given : spec.fromInput.baseDefault;
    if (!expression(base)) for (const input of spec.fromInput.inputs) add(input, base);
  }
  return found;
}

/** Every literal path a workflow hands to an action, resolved as that action resolves it. */
export function resolvedPaths(workflow: Workflow): ResolvedPath[] {
  return steps(workflow).flatMap(({ job, step }) => stepPaths(job, step));
}
