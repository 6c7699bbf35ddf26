import { execFileSync } from "node:child_process";

/** The files git tracks under `root`, optionally only those matching git pathspecs (`*.md`). */
export function trackedFiles(root: string, ...pathspecs: string[]): string[] {
  return execFileSync("git", ["ls-files", "-z", ...pathspecs], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  })
    .split("\0")
    .filter(Boolean);
}
