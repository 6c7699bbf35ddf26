// One vitest configuration for every workspace, like eslint.config.js and tsconfig.base.json.
// Vitest 5 reads vitest.config.ts from the folder it runs in only (it does not walk up), so each
// workspace keeps a one-line vitest.config.ts that re-exports this one, or calls
// workspaceConfig() with what it changes.
import { SkipRecorder, type Skip } from "@fil-rouge/toolchain/skip-recorder";
import { configDefaults, defineConfig, type TestUserConfig } from "vitest/config";

/** What a workspace may change; `exclude` adds to the shared list instead of replacing it. */
export type WorkspaceTest = Pick<
  TestUserConfig,
  "exclude" | "globalSetup" | "hookTimeout" | "testTimeout"
>;

/**
 * The workspace's tests wherever they sit (src, test, scripts, bench...), a JSON report in
 * reports/vitest.json (summed by .github/scripts/test-totals.ts) and the skips for want of a
 * machine tool in reports/skips.jsonl (summed at the end of npm test). `skipped` lists what the
 * workspace's own config left out for want of a tool, so the summary names it too.
 */
export const workspaceConfig = (test: WorkspaceTest = {}, skipped: Skip[] = []) =>
  defineConfig({
    test: {
      include: ["**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...test,
      exclude: [...configDefaults.exclude, "**/dist/**", ...(test.exclude ?? [])],
      reporters: ["default", "json", new SkipRecorder(skipped)],
      outputFile: { json: "reports/vitest.json" },
    },
  });

export default workspaceConfig();
