import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import { trackedFiles } from "../src/tracked-files.js";
import { describe, expect, it } from "vitest";

// Every relative link and anchor in every Markdown file resolves: a jury member never lands on a 404.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const markdown = new MarkdownIt({ html: true });
const files = trackedFiles(ROOT, "*.md");

function tokensOf(path: string) {
  return markdown.parse(readFileSync(join(ROOT, path), "utf8"), {});
}

/** GitHub's anchors for a file's headings. */
function anchorsOf(path: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = tokensOf(path);
  return new Set(
    tokens.flatMap((token, i) =>
      token.type === "heading_open" ? [slugger.slug(tokens[i + 1]?.content ?? "")] : [],
    ),
  );
}

function linksOf(path: string): string[] {
  return tokensOf(path)
    .flatMap((t) => t.children ?? [])
    .flatMap((t) => {
      if (t.type === "link_open") return [t.attrGet("href") ?? ""];
      if (t.type === "image") return [t.attrGet("src") ?? ""];
      return [];
    })
    .filter((href) => href !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(href)); // external URLs are not checked
}

/** What is wrong with a link from `from`, or undefined. */
export function brokenLink(from: string, href: string): string | undefined {
  const [pathPart = "", anchor] = href.split("#");
  const target =
    pathPart === ""
      ? from
      : relative(ROOT, join(ROOT, dirname(from), decodeURIComponent(pathPart)));
  if (!existsSync(join(ROOT, target))) return `${href}: no such file`;
  if (anchor === undefined || anchor === "") return undefined;
  if (statSync(join(ROOT, target)).isDirectory() || !target.endsWith(".md")) return undefined;
  // Links carry non-ASCII anchors percent-encoded; GitHub's slugs are the decoded text.
  return anchorsOf(target).has(decodeURIComponent(anchor))
    ? undefined
    : `${href}: no heading #${anchor} in ${target}`;
}

describe("Markdown links", () => {
  it("finds the documentation", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)("every relative link and anchor in %s resolves", (file) => {
    const broken = linksOf(file).flatMap((href) => brokenLink(file, href) ?? []);
    expect(broken).toEqual([]);
  });

  it("reports a missing file and a missing anchor", () => {
    expect(brokenLink("README.md", "docs/nowhere.md")).toMatch(/no such file/);
    expect(brokenLink("README.md", "docs/slo.md#no-such-heading")).toMatch(/no heading/);
    expect(brokenLink("README.md", "docs/slo.md#english")).toBeUndefined();
  });
});
