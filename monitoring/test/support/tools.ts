import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";

export const run = promisify(execFile);

/** Whether a binary is on PATH; the tests that need it skip with one line when it is not. */
export function onPath(binary: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${binary}`]).status === 0;
}

export const missing = (binary: string, pkg: string) =>
  `${binary} not on PATH (Debian package ${pkg}; .ci/run installs it)`;
