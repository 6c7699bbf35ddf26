// The files of the repository: git's index when there is a `.git` and a git, else (a ZIP download,
// a container without git) a walk of the tree that honours every .gitignore on the way, with the
// `ignore` npm package (the .gitignore rules of git's documentation, as ESLint and Prettier use).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ignoreModule, { type Ignore } from "ignore";
import { locate } from "./machine-tools.js";

// ignore 5.3's types describe a CommonJS default export; its `factory.default = factory` line
// (index.js) makes `.default` the factory under Node's ESM import too.
const ignore = ignoreModule.default;

interface IgnoreScope {
  /** The folder holding the .gitignore, relative to the root ("" for the root), with a slash. */
  base: string;
  rules: Ignore;
}

/** As git decides: the deepest .gitignore with a rule for the path wins (`!keep.log` re-includes). */
function ignoredBy(scopes: IgnoreScope[], path: string, isDir: boolean): boolean {
  for (const scope of [...scopes].reverse()) {
    const verdict = scope.rules.test(path.slice(scope.base.length) + (isDir ? "/" : ""));
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/** Every file under `root` that no .gitignore excludes (what `git add -A` would stage), sorted. */
export function walkFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (relative: string, scopes: IgnoreScope[]) => {
    const dir = join(root, relative);
    const gitignore = join(dir, ".gitignore");
    const here = existsSync(gitignore)
      ? [...scopes, { base: relative, rules: ignore().add(readFileSync(gitignore, "utf8")) }]
      : scopes;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === ".git") continue;
      const path = relative + entry.name;
      // A symbolic link is one entry, as git stores it, even when it points to a folder.
      const isDir = entry.isDirectory();
      if (ignoredBy(here, path, isDir)) continue;
      if (isDir) visit(`${path}/`, here);
      else files.push(path);
    }
  };
  visit("", []);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** git pathspec globbing: `*` and `?` also match `/` (`*.md` is every Markdown file). */
export function matchesPathspec(path: string, pathspec: string): boolean {
  if (!/[*?[]/.test(pathspec)) return path === pathspec || path.startsWith(`${pathspec}/`);
  const pattern = pathspec
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|\\[\]]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`).test(path);
}

/** How the file list is obtained under `root`: git's index, or the .gitignore-aware walk. */
export const trackedFilesSource = (root: string, env: NodeJS.ProcessEnv = process.env) =>
  existsSync(join(root, ".git")) && locate("git", env) !== undefined ? "git" : "walk";

/** The files of `root`, optionally only those matching git pathspecs (`*.md`). */
export function trackedFiles(root: string, ...pathspecs: string[]): string[] {
  if (trackedFilesSource(root) === "git") {
    return execFileSync("git", ["ls-files", "-z", ...pathspecs], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    })
      .split("\0")
      .filter(Boolean);
  }
  const files = walkFiles(root);
  return pathspecs.length === 0
    ? files
    : files.filter((file) => pathspecs.some((spec) => matchesPathspec(file, spec)));
}
