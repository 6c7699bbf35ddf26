// One truth for the service levels: docs/slo.md explains the SLA (the contract) and the SLOs (the
// internal objectives) once; every French text that quotes a figure next to « SLA » or « SLO »
// must quote those, and the SLO objectives are those of the monitoring spec that generates the
// alerts (monitoring/src/slo/shortlinks-slos.ts).
import type { ProseLine } from "./french-language.js";

/** The contractual figure, as slo.md states it: « **Le SLA** … **99,5 %** ». */
export function slaFromSloDoc(markdown: string): string {
  const figure = /\*\*Le SLA\*\*[\s\S]*?\*\*(\d+(?:,\d+)?) %\*\*/.exec(markdown)?.[1];
  if (figure === undefined) throw new Error("docs/slo.md states no « **Le SLA** … **NN,N %** »");
  return figure;
}

/** The SLO objectives of the spec, written the French way (99.9 → « 99,9 »). */
export function objectivesFromSpec(source: string): string[] {
  return [
    ...new Set(
      [...source.matchAll(/\bobjective:\s*([\d.]+)/g)].map((m) => (m[1] ?? "").replace(".", ",")),
    ),
  ];
}

/** Every figure quoted next to « SLA » or « SLO » in a clause that disagrees with the truth. */
export function serviceLevelMismatches(
  prose: ProseLine[],
  truth: { sla: string; slos: string[] },
): { line: number; quoted: string; expected: string }[] {
  const out: { line: number; quoted: string; expected: string }[] = [];
  for (const { line, text } of prose) {
    for (const clause of text.split(/[;|]|\.\s/)) {
      const sla = /\bSLA\b[^%]*?(?<![\d,])(\d{2,3}(?:,\d+)?)\s*\*{0,2}\s*%/.exec(clause)?.[1];
      if (sla !== undefined && sla !== truth.sla)
        out.push({ line, quoted: `SLA ${sla} %`, expected: `${truth.sla} %` });
      const slo = /\bSLO\b[^%]*?(?<![\d,])(\d{2,3}(?:,\d+)?)\s*\*{0,2}\s*%/.exec(clause)?.[1];
      if (slo !== undefined && !truth.slos.includes(slo)) {
        out.push({
          line,
          quoted: `SLO ${slo} %`,
          expected: truth.slos.map((s) => `${s} %`).join(" or "),
        });
      }
    }
  }
  return out;
}
