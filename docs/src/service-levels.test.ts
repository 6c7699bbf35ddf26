import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { frenchProse, isFrenchPath } from "./french-language.js";
import { objectivesFromSpec, serviceLevelMismatches, slaFromSloDoc } from "./service-levels.js";
import { trackedFiles } from "./tracked-files.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const read = (file: string): string => readFileSync(join(ROOT, file), "utf8");
const sla = slaFromSloDoc(read("docs/slo.md"));
const slos = objectivesFromSpec(read("monitoring/src/slo/shortlinks-slos.ts"));
const french = trackedFiles(ROOT, "*.md").filter(
  (f) =>
    !f.includes("/fixtures/") && (isFrenchPath(f) || /^#{1,6}\s+[_*]*français/im.test(read(f))),
);
const percent = (s: string): number => Number(s.replace(",", "."));

describe("the SLA and the SLOs, one truth", () => {
  it("docs/slo.md sets a contractual SLA looser than every availability SLO of the spec", () => {
    expect(slos.length).toBeGreaterThan(0);
    for (const slo of slos.filter((s) => percent(s) > 99))
      expect(percent(sla)).toBeLessThan(percent(slo));
  });

  it.each(french)("%s quotes the SLA and SLO figures of slo.md and the spec", (file) => {
    const prose = frenchProse(read(file), isFrenchPath(file));
    expect(serviceLevelMismatches(prose, { sla, slos })).toEqual([]);
  });

  it("finds a figure that disagrees (SLA given as the SLO's, an SLO that the spec does not set)", () => {
    const prose = frenchProse(
      "Le SLA est de 99,9 %.\n\nSLO interne : 99,5 % ; SLA contractuel : 99,5 %.\n",
      true,
    );
    expect(serviceLevelMismatches(prose, { sla: "99,5", slos: ["99,9", "99"] })).toEqual([
      { line: 1, quoted: "SLA 99,9 %", expected: "99,5 %" },
      { line: 3, quoted: "SLO 99,5 %", expected: "99,9 % or 99 %" },
    ]);
  });
});
