// Test support for the rehearsals of what a fork does to this template (the rename, replacing the
// sample app): a copy of the tracked tree, installed as a new user would, and its own test run.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trackedFiles } from "./tracked-files.js";

/** Set in the copy's run, so that a rehearsal does not start a rehearsal of its own. */
export const REHEARSAL_ENV = "TEMPLATE_REHEARSAL";
export const IN_REHEARSAL = process.env[REHEARSAL_ENV] === "1";

/** The tracked files of `root` in a new temporary folder, without .git (a ZIP download). */
export function copyTree(root: string, prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  for (const path of trackedFiles(root))
    cpSync(join(root, path), join(copy, path), { recursive: true, verbatimSymlinks: true });
  return copy;
}

/**
 * The environment of a run in the copy: this one without what the surrounding npm, turbo and
 * vitest set for themselves (a nested turbo or vitest would read them as its own).
 */
export function copyEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm_|TURBO_|VITEST|__VITEST)/i.test(key) && key !== "NODE_ENV",
    ),
  );
  return { ...env, [REHEARSAL_ENV]: "1", FORCE_COLOR: "0" };
}

export interface Run {
  status: number | null;
  /** The whole output, stdout then stderr. */
  output: string;
  /** Its last lines: turbo's summary and what failed. */
  tail: string;
}

/** `command args` in `cwd` of the copy, with the copy's environment. */
export function runIn(copy: string, cwd: string, command: string, args: string[]): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: join(copy, cwd),
    env: copyEnvironment(),
    encoding: "utf8",
    maxBuffer: 200_000_000,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  return { status: result.status, output, tail: output.split("\n").slice(-60).join("\n") };
}

const run = (copy: string, args: string[]) => runIn(copy, ".", "npm", args);

/** `npm ci` in the copy, from the registry or npm's cache. */
export function install(copy: string): Run {
  return run(copy, ["ci", "--no-audit", "--no-fund", "--prefer-offline"]);
}

/** `npm run <script> [-- args]` in the copy. */
export function npmRun(copy: string, script: string, args: string[] = []): Run {
  return run(copy, ["run", script, ...(args.length > 0 ? ["--", ...args] : [])]);
}

/** The copy's whole `npm test`, the README's command. */
export function runNpmTest(copy: string): Run {
  return run(copy, ["test"]);
}
