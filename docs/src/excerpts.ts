// Excerpts of real files in the dossier, refreshed by the generator so they never go stale:
//   <!-- extrait: <path> | <text of the first line> | <number of lines> -->
//   ```lang
//   (generated)
//   ```
//   <!-- fin de l'extrait -->
import { existsSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";

const BLOCK = /<!-- extrait: (.+?) \| (.+?) \| (\d+) -->\n[\s\S]*?<!-- fin de l'extrait -->/g;
const LANGUAGES: Record<string, string> = {
  ".ts": "ts",
  ".sh": "bash",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".sql": "sql",
};
// markdownlint wants a language on every fence: files without an extension get theirs by name.
const language = (path: string) =>
  LANGUAGES[extname(path)] ?? (basename(path) === "Dockerfile" ? "dockerfile" : "text");

/** `count` lines of `path`, from the first line that contains `firstLine`. */
export function excerpt(root: string, path: string, firstLine: string, count: number): string {
  if (!existsSync(join(root, path))) throw new Error(`excerpt of ${path}: no such file`);
  const lines = readFileSync(join(root, path), "utf8").split("\n");
  const start = lines.findIndex((line) => line.includes(firstLine));
  if (start === -1) throw new Error(`excerpt of ${path}: no line contains "${firstLine}"`);
  return lines.slice(start, start + count).join("\n");
}

/**
 * The Markdown text with every excerpt copied afresh from its file. `whenGone: "keep"` leaves an
 * excerpt as it is when its file or first line no longer exists: the commented example quotes the
 * template's files, and a candidate who replaces them must not see their own `npm test` fail.
 */
export function refreshExcerpts(
  markdown: string,
  root: string,
  whenGone: "throw" | "keep" = "throw",
): string {
  return markdown.replace(BLOCK, (block, path: string, firstLine: string, count: string) => {
    let code: string;
    try {
      code = excerpt(root, path, firstLine, Number(count));
    } catch (error) {
      if (whenGone === "keep") return block;
      throw error;
    }
    const fence = code.includes("```") ? "````" : "```";
    return [
      `<!-- extrait: ${path} | ${firstLine} | ${count} -->`,
      `${fence}${language(path)}`,
      code,
      fence,
      "<!-- fin de l'extrait -->",
    ].join("\n");
  });
}

/** The files a Markdown text takes excerpts from. */
export const excerptSources = (markdown: string) =>
  [...markdown.matchAll(BLOCK)].map((m) => m[1] ?? "");
