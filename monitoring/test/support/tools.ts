import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { needs } from "@fil-rouge/toolchain/skips";

export const run = promisify(execFile);

/**
 * Whether a tool is installed (infra/toolchain's detection); when it is not, `what` skips with one
 * printed line and is listed in the summary at the end of npm test.
 */
export const onPath = (tool: "promtool" | "amtool" | "prometheus", what: string): boolean =>
  needs(tool, what);

export const missing = (binary: string, pkg: string) =>
  `${binary} not on PATH (Debian package ${pkg}; .ci/run installs it)`;
