import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SkipRecorder } from "./skip-recorder.js";
import { recordSkip } from "./skips.js";
import { skipSummary } from "./skip-summary.js";

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), "summary-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ workspaces: ["apps/*", "k8s"] }));
  for (const folder of ["apps/api", "k8s"]) {
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, "package.json"), "{}");
  }
  return root;
}

describe("the skip summary at the end of npm test", () => {
  it("groups every workspace's skips by missing tool, once, with how to install it", () => {
    const root = repo();
    recordSkip({ tool: "kustomize", what: "the overlays" }, join(root, "k8s"));
    recordSkip({ tool: "kustomize", what: "the overlays" }, join(root, "k8s"));
    recordSkip({ tool: "kustomize", what: "client address" }, join(root, "apps/api"));
    recordSkip({ tool: "docker", what: "the image" }, join(root, "apps/api"));
    expect(skipSummary(root)).toEqual([
      "[skipped tests] 3 group(s) of tests skipped, 2 tool(s) missing (npm run doctor says more):",
      "  kubectl or kustomize: apps/api: client address; k8s: the overlays",
      expect.stringMatching(
        /^ {4}Debian: sudo apt-get install kubectl .* \| macOS: brew install kubectl$/,
      ),
      "  docker: apps/api: the image",
      "    Debian: sudo apt-get install docker.io (and a running engine) | macOS: brew install --cask docker",
    ]);
  });

  it("forgets the previous run's skips when a run starts, keeping the configuration's own", () => {
    const root = repo();
    const k8s = join(root, "k8s");
    recordSkip({ tool: "docker", what: "last run" }, k8s);
    new SkipRecorder([{ tool: "kustomize", what: "excluded files" }], k8s).onInit();
    expect(skipSummary(root)[1]).toBe("  kubectl or kustomize: k8s: excluded files");
    new SkipRecorder([], k8s).onInit();
    expect(skipSummary(root)).toEqual([
      "[skipped tests] none: every machine tool the tests use was found",
    ]);
  });
});
