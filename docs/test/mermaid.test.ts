// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import mermaid from "mermaid";
import { trackedFiles } from "../src/tracked-files.js";
import { describe, expect, it } from "vitest";

// Every Mermaid diagram of every tracked Markdown file parses, with mermaid's own parser (no
// browser): a diagram that GitHub would show as an error never reaches the jury.
// happy-dom (mermaid sanitizes labels with DOMPurify, which needs a DOM) gives modules an http:
// import.meta.url, so the root comes from the working directory: vitest runs in docs/.
const ROOT = resolve(process.cwd(), "..");
const diagrams = trackedFiles(ROOT, "*.md").flatMap((file) =>
  [...readFileSync(join(ROOT, file), "utf8").matchAll(/```mermaid\n([\s\S]*?)```/g)].map(
    (m, i) => [`${file} #${String(i + 1)}`, m[1] ?? ""] as const,
  ),
);

describe("Mermaid diagrams", () => {
  it("exist in the architecture, infrastructure and dossier documents", () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(8);
  });

  it.each(diagrams)("%s parses", async (_where, diagram) => {
    await expect(mermaid.parse(diagram)).resolves.toMatchObject({
      diagramType: expect.any(String),
    });
  });

  it("rejects a broken diagram", async () => {
    await expect(mermaid.parse("flowchart LR\n  a --> (b\n")).rejects.toThrow(/Parse error/);
  });
});
