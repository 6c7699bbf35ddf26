import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findCommand, locate, MACHINE_TOOLS, toolVersion } from "./machine-tools.js";
import { readSkips } from "./skips.js";
import { needs } from "./skips.js";

/** A folder of stand-in executables: name -> what it prints. */
function fakeBin(tools: Record<string, string>, mode = 0o755): string {
  const dir = mkdtempSync(join(tmpdir(), "fake-bin-"));
  for (const [name, output] of Object.entries(tools)) {
    writeFileSync(join(dir, name), `#!/bin/sh\necho '${output}'\n`);
    chmodSync(join(dir, name), mode);
  }
  return dir;
}

describe("machine tool detection", () => {
  it("finds nothing with an empty PATH (except PostgreSQL's server binaries, found by folder)", () => {
    for (const tool of MACHINE_TOOLS)
      if (!("extraDirs" in tool)) expect(locate(tool.id, { PATH: "" }), tool.id).toBeUndefined();
  });

  it("agrees with the shell's `command -v` on the real PATH, tool by tool", () => {
    for (const tool of MACHINE_TOOLS)
      for (const command of tool.commands) {
        const shell = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
        const expected = shell.status === 0 ? shell.stdout.trim() : undefined;
        expect(findCommand(command), command).toBe(expected);
      }
  });

  it("takes kubectl or a standalone kustomize, reads its version, and ignores a file that is not executable", () => {
    const kustomizeOnly = fakeBin({ kustomize: "v5.7.1" });
    expect(locate("kustomize", { PATH: kustomizeOnly })).toBe(join(kustomizeOnly, "kustomize"));
    const both = fakeBin({ kubectl: "Client Version: v1.32.0", kustomize: "v5.7.1" });
    const kubectl = locate("kustomize", { PATH: `/nonexistent:${both}` });
    expect(kubectl).toBe(join(both, "kubectl"));
    expect(toolVersion(kubectl!, ["version", "--client"])).toBe("Client Version: v1.32.0");
    expect(locate("git", { PATH: fakeBin({ git: "git version 9" }, 0o644) })).toBeUndefined();
  });

  it("finds Chromium where CHROME_PATH says, off the PATH", () => {
    const dir = fakeBin({ "my-chrome": "Chromium 140" });
    expect(locate("chromium", { PATH: "", CHROME_PATH: join(dir, "my-chrome") })).toBe(
      join(dir, "my-chrome"),
    );
  });

  it("records a skip, with a printed line, only when the tool is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "skips-"));
    expect(needs("kustomize", "the overlays", { PATH: "" }, dir)).toBe(false);
    expect(needs("kustomize", "the overlays", { PATH: fakeBin({ kubectl: "v1" }) }, dir)).toBe(
      true,
    );
    expect(readSkips(dir)).toEqual([{ tool: "kustomize", what: "the overlays" }]);
  });
});
