import { locate } from "@fil-rouge/toolchain/machine-tools";
import { workspaceConfig } from "../../vitest.shared.js";

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

export default locate("kustomize") === undefined
  ? workspaceConfig({ exclude: NEEDS_KUSTOMIZE }, [
      { tool: "kustomize", what: `the program under mocks (${NEEDS_KUSTOMIZE.join(", ")})` },
    ])
  : workspaceConfig();
