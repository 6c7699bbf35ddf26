// Facts that must be stated in one place and cited elsewhere (issue 15, item 9): the rollback
// procedure lives in docs/runbooks/rollback.md; every decision record cites its sources.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { trackedFiles } from "./tracked-files.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const read = (file: string): string => readFileSync(join(ROOT, file), "utf8");

/** Paragraphs or list items that tell the reader to roll back (the verb) without the procedure. */
function rollbacksWithoutProcedure(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n|\n(?=\s*[-*] |\s*\d+\. )/)
    .map((p) => p.replace(/^\|.*$/gm, "")) // tables describe the workflows; instructions are prose
    .filter((p) => /\broll back\b|retour arrière/i.test(p))
    .filter((p) => !p.includes("rollback.md") && !p.trim().startsWith("#"));
}

describe("one rollback procedure", () => {
  const readers = [
    ...trackedFiles(ROOT, "docs/runbooks/*.md").filter((f) => !f.endsWith("/rollback.md")),
    ".github/README.md",
  ];

  it.each(readers)(
    "%s points to docs/runbooks/rollback.md wherever it says to roll back",
    (file) => {
      const text = read(file).replace(/```[\s\S]*?```/g, "");
      expect(rollbacksWithoutProcedure(text)).toEqual([]);
    },
  );

  it("says who owns the Deployment, and that kubectl alone is drift", () => {
    const procedure = read("docs/runbooks/rollback.md");
    expect(procedure).toMatch(/Pulumi owns the Deployment/);
    expect(procedure).toMatch(/deploy\.yml/);
  });

  it("finds a rollback told without the procedure", () => {
    expect(
      rollbacksWithoutProcedure("- A bad release: roll back (`kubectl rollout undo`).\n- Fine."),
    ).toHaveLength(1);
    expect(
      rollbacksWithoutProcedure("- A bad release: roll back ([procedure](rollback.md))."),
    ).toEqual([]);
  });
});

describe("decision records", () => {
  it.each(trackedFiles(ROOT, "docs/adr/*.md"))("%s cites its sources with URLs", (file) => {
    expect(read(file)).toMatch(/https:\/\/\S+/);
  });
});
