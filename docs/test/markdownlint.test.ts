import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lint } from "markdownlint/promise";
import { trackedFiles } from "../src/tracked-files.js";
import { describe, expect, it } from "vitest";

// markdownlint on every tracked Markdown file, with the rules in docs/markdownlint.json.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const config = JSON.parse(readFileSync(join(ROOT, "docs/markdownlint.json"), "utf8")) as Record<
  string,
  unknown
>;
const files = trackedFiles(ROOT, "*.md");

const problems = async (strings: Record<string, string>) =>
  Object.entries(await lint({ strings, config })).flatMap(([file, errors]) =>
    errors.map(
      (e) => `${file}:${String(e.lineNumber)} ${e.ruleNames.join("/")} ${e.errorDetail ?? ""}`,
    ),
  );

describe("markdownlint", () => {
  it.each(files)("finds nothing in %s", async (file) => {
    expect(await problems({ [file]: readFileSync(join(ROOT, file), "utf8") })).toEqual([]);
  });

  it("reports a broken document", async () => {
    const found = await problems({ "bad.md": "# One\n\n# Two\n\n### Skipped a level\n" });
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([expect.stringContaining("MD025"), expect.stringContaining("MD001")]),
    );
  });
});
