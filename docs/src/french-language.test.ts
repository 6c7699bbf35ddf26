import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { frenchProse, frenchShare, isFrenchPath, refusedForms } from "./french-language.js";
import { QUOTING_REFUSED_FORMS, REFUSED_FORMS } from "./french-terms.js";
import { trackedFiles } from "./tracked-files.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const read = (file: string): string => readFileSync(join(ROOT, file), "utf8");
const FRENCH_HEADING = /^#{1,6}\s+[_*]*français/im;

const markdown = trackedFiles(ROOT, "*.md").filter((f) => !f.includes("/fixtures/"));
const french = markdown.filter((f) => isFrenchPath(f) || FRENCH_HEADING.test(read(f)));
const scanned = french.filter((f) => !(f in QUOTING_REFUSED_FORMS));

describe("French without calques or English left in it", () => {
  it("covers the dossier, the slides, the jury guide and the bilingual files' French parts", () => {
    for (const f of ["docs/jury.md", "docs/slo.md", "docs/demo/errors.md", "docs/fork.md"]) {
      expect(scanned).toContain(f);
    }
    expect(scanned.some((f) => f.startsWith("docs/presentation/"))).toBe(true);
  });

  it.each(scanned)("%s uses the glossary's words", (file) => {
    const findings = refusedForms(file, frenchProse(read(file), isFrenchPath(file)));
    expect(findings.map((f) => `${f.file}:${String(f.line)}: « ${f.found} » → ${f.use}`)).toEqual(
      [],
    );
  });

  it("leaves no French Markdown file outside the list and without a « Français » section", () => {
    const unlisted = markdown.filter(
      (f) => !french.includes(f) && frenchShare(frenchProse(read(f), true)) > 0.6,
    );
    expect(unlisted).toEqual([]);
  });

  it("names in the glossary every word it asks for", () => {
    const glossary = read("docs/glossaire.md").toLowerCase();
    for (const { use } of REFUSED_FORMS) {
      expect(glossary, use).toContain(use.split(" (")[0]?.toLowerCase());
    }
  });
});

describe("the check itself, on a fixture", () => {
  const fixture = readFileSync(
    new URL("../test/fixtures/french-calques.md", import.meta.url),
    "utf8",
  );

  it("finds each calque of a French file, with its replacement, and nothing in code or URLs", () => {
    const found = refusedForms("fixture.md", frenchProse(fixture, true)).map(
      (f) => `${String(f.line)} ${f.found.toLowerCase()} → ${f.use}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        "3 arrêt gracieux → arrêt propre",
        "5 brûle → consommer le budget d'erreur",
        "5 burn rate → taux de consommation du budget d'erreur (burn rate)",
        "5 astreinte pour les pages → alerte d'astreinte (sévérité `page`)",
        "7 pour de vrai → réellement, en conditions réelles",
        "7 copie conforme → les différences réelles avec la production",
      ]),
    );
    expect(found.filter((f) => f.startsWith("9 ") || f.startsWith("10 "))).toEqual([]);
  });

  it("reads only the « Français » sections of a bilingual file", () => {
    const bilingual = `# Titre\n\n## Français\n\nLe SLO brûle.\n\n## English\n\nThe SLO burns; burn rate.\n`;
    expect(refusedForms("b.md", frenchProse(bilingual, false)).map((f) => f.line)).toEqual([5]);
  });

  it("tells French prose from English", () => {
    expect(frenchShare(frenchProse(fixture.split("## English")[0] ?? "", true))).toBeGreaterThan(
      0.6,
    );
    expect(frenchShare(frenchProse("The SLO burns its budget and pages the team.", true))).toBe(0);
  });
});
