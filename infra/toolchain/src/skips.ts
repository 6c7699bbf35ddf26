// What a test run skipped for want of a machine tool. A test file asks `needs(tool, what)` before
// the tests that use the tool; a missing tool prints one line and is recorded in the workspace's
// reports/skips.jsonl, which the skip recorder (./skip-recorder.ts) empties when a run starts and
// `npm test` sums at the end (./skip-summary.ts), once, with how to get each tool.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { locate, type ToolId } from "./machine-tools.js";
import { recordSkip, skipLine, SKIPS_FILE } from "./skip-recorder.js";

export { recordSkip, skipLine, SKIPS_FILE };

export interface Skip {
  tool: ToolId;
  /** The tests that did not run, as a reader would name them. */
  what: string;
}

/** The skips recorded under `dir`, each once. */
export function readSkips(dir: string): Skip[] {
  const file = join(dir, SKIPS_FILE);
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  return [...new Set(lines)].map((line) => JSON.parse(line) as Skip);
}

/**
 * Whether `tool` is installed. When it is not, prints one line and records that `what` skips.
 *   if (needs("kustomize", "rendering the overlays")) describe(...)
 */
export function needs(
  tool: ToolId,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
  dir = process.cwd(),
): boolean {
  if (locate(tool, env) !== undefined) return true;
  const skip = { tool, what };
  console.info(skipLine(skip));
  recordSkip(skip, dir);
  return false;
}
