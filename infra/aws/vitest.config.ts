import { SkipRecorder } from "@fil-rouge/toolchain/skip-recorder";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "ansible/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // SkipRecorder: this run's skips for want of a machine tool, summed at the end of npm test.
    reporters: ["default", "json", new SkipRecorder()],
    outputFile: { json: "reports/vitest.json" },
  },
});
