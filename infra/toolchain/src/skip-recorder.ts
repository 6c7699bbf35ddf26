// Where a run's skips for want of a machine tool are written, and the vitest reporter that starts
// each run with an empty file (so it holds this run's skips only) and records the skips the
// configuration itself decided (whole files excluded because a tool is missing).
// vitest.config.ts files load this module with Node's type stripping: no relative import and
// only erasable TypeScript here.
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface Skip {
  /** A MACHINE_TOOLS id (./machine-tools.ts). */
  tool: string;
  /** The tests that did not run, as a reader would name them. */
  what: string;
}

export const SKIPS_FILE = join("reports", "skips.jsonl");

export const skipLine = (skip: Skip) =>
  `[skipped] ${skip.what}: no ${skip.tool} here (npm run doctor says how to install it)`;

/** Appends a skip to `<dir>/reports/skips.jsonl` (the workspace vitest runs in). */
export function recordSkip(skip: Skip, dir = process.cwd()): void {
  mkdirSync(join(dir, "reports"), { recursive: true });
  appendFileSync(join(dir, SKIPS_FILE), `${JSON.stringify(skip)}\n`);
}

export class SkipRecorder {
  readonly #configSkips: Skip[];
  readonly #dir: string;

  constructor(configSkips: Skip[] = [], dir = process.cwd()) {
    this.#configSkips = configSkips;
    this.#dir = dir;
  }

  onInit(): void {
    rmSync(join(this.#dir, SKIPS_FILE), { force: true });
    for (const skip of this.#configSkips) {
      console.info(skipLine(skip));
      recordSkip(skip, this.#dir);
    }
  }
}
