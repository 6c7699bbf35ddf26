import { locate } from "@fil-rouge/toolchain/machine-tools";
import { SkipRecorder } from "@fil-rouge/toolchain/skip-recorder";
import { defineConfig } from "vitest/config";

// These files run the program under mocks or read the rendered overlays: the program renders
// k8s/overlays through `kubernetes:kustomize:directory`, answered by kubectl kustomize
// (k8s/src/manifests.ts). Without kustomize (none exists on npm) they are left out, once, here,
// instead of each failing after the mocks' timeout.
const NEEDS_KUSTOMIZE = [
  "application-image",
  "autoscaling",
  "database-roles",
  "image-policy",
  "overlay-bindings",
  "program",
  "prometheus-values",
].map((name) => `src/${name}.test.ts`);
const kustomize = locate("kustomize") !== undefined;

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...(kustomize ? [] : NEEDS_KUSTOMIZE)],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // SkipRecorder: this run's skips for want of a machine tool, summed at the end of npm test.
    reporters: [
      "default",
      "json",
      new SkipRecorder(
        kustomize
          ? []
          : [
              {
                tool: "kustomize",
                what: `the program under mocks (${NEEDS_KUSTOMIZE.join(", ")})`,
              },
            ],
      ),
    ],
    outputFile: { json: "reports/vitest.json" },
  },
});
