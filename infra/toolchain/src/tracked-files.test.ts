import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { matchesPathspec, trackedFiles, trackedFilesSource, walkFiles } from "./tracked-files.js";
import { needs } from "./skips.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "walk-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("the file list without git", () => {
  const root = tree({
    ".gitignore": "node_modules/\n*.log\nreports/\n",
    "README.md": "",
    "a/b/notes.md": "",
    "a/b/run.log": "",
    "a/.gitignore": "secret.txt\n!keep.log\n",
    "a/secret.txt": "",
    "a/keep.log": "",
    "a/reports/vitest.json": "",
    "node_modules/x/index.js": "",
    "src/main.ts": "",
  });

  it("honours every .gitignore on the way, the deepest rule winning as in git", () => {
    expect(walkFiles(root)).toEqual([
      ".gitignore",
      "README.md",
      "a/.gitignore",
      "a/b/notes.md",
      "a/keep.log",
      "src/main.ts",
    ]);
  });

  it("is what trackedFiles uses where there is no .git, pathspecs filtered as git does", () => {
    expect(trackedFilesSource(root)).toBe("walk");
    expect(trackedFiles(root, "*.md")).toEqual(["README.md", "a/b/notes.md"]);
    expect(trackedFiles(root, "a/b/*.md", "src")).toEqual(["a/b/notes.md", "src/main.ts"]);
    expect(matchesPathspec("docs/adr/0001-x.md", "docs/adr/*.md")).toBe(true);
    expect(matchesPathspec("docs/adr.md", "docs/adr/*.md")).toBe(false);
  });
});

describe.runIf(
  existsSync(join(ROOT, ".git")) &&
    needs("git", "the .gitignore walk compared with git's own list of this repository"),
)("the walk on this repository", () => {
  it("lists exactly what git lists, tracked or not ignored", () => {
    const git = execFileSync(
      "git",
      ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
      {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      },
    )
      .split("\0")
      .filter((path) => path !== "" && existsSync(join(ROOT, path)));
    expect(walkFiles(ROOT)).toEqual([...new Set(git)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
