// npm run dossier (root) / npm run dossier -w @fil-rouge/docs: the candidate's dossier de projet
// (docs/dossier/NN-*.md, in order) as one printable PDF, for the jury that reads it on paper in
// 15 minutes at the RNCP session: a cover page, a table of contents with page numbers, a one-page
// competency table, each section with its Mermaid diagrams as images, the detailed evidence map
// (docs/competences.md) as an annex, and page numbers. Written to docs/dist/dossier.pdf.
//
// Each part is printed by the system Chromium (puppeteer-core page.pdf) on its own, so its page
// count is known before the table of contents is written; the parts are then merged with pdf-lib,
// which also stamps the page numbers (Chromium's footerTemplate restarts at 1 in every part).
// Without Chromium, it prints a notice and writes nothing.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import MarkdownIt from "markdown-it";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { Browser } from "puppeteer-core";
import { parse } from "yaml";
import { z } from "zod";
import { chromium, withBrowser } from "./chromium.js";
import { mermaidBlocks, renderMermaid, svgToPng } from "./render-mermaid.js";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
export const DOSSIER_DIR = here("../dossier/");
export const MAP_YAML = here("../competences.yaml");
export const MAP_MD = here("../competences.md");
export const OUTPUT = here("../dist/dossier.pdf");

/**
 * Body pages (cover to the last section, annex left out) outside which the build warns. The RNCP
 * jury reads the dossier in 15 minutes (modalites-certification.md, « Le jury dispose de 15
 * minutes pour prendre connaissance du dossier de projet »): about one page a minute for prose a
 * reader skims, two for tables and diagrams, gives 15 to 30 pages; below 10 the six sections
 * cannot all carry evidence. The seed states no page count, for either format: docs/dossier-imprime.md.
 */
export const BODY_PAGES = { min: 10, max: 30 } as const;

const Competences = z.object({
  competences: z.array(
    z.object({
      id: z.string(),
      intitule: z.string(),
      epreuves: z.array(z.string()).optional(),
      preuves: z.array(z.object({ chemin: z.string() })),
    }),
  ),
});

export interface Section {
  file: string;
  title: string;
  /** Second-level headings, for the table of contents. */
  headings: string[];
  markdown: string;
}

/** The dossier's sections, NN-name.md in file-name order (README.md and others left out). */
export function readSections(dir: string): Section[] {
  return readdirSync(dir)
    .filter((f) => /^\d\d-.+\.md$/.test(f))
    .sort()
    .map((file) => {
      const markdown = readFileSync(join(dir, file), "utf8");
      const visible = withoutComments(markdown).replace(/^```[\s\S]*?^```/gm, "");
      return {
        file,
        title: /^#\s+(.+)$/m.exec(visible)?.[1]?.trim() ?? file,
        headings: [...visible.matchAll(/^##\s+(.+)$/gm)].map((m) => m[1]?.trim() ?? ""),
        markdown,
      };
    });
}

function withoutComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->/g, "");
}

export interface CoverageRow {
  id: string;
  intitule: string;
  where: string[];
  coverage: "entièrement" | "en partie" | "hors projet";
}

/**
 * The one-page table: for each competency of the map, where the dossier's own text names it (the
 * headings of the sections whose prose, generated tables left out, says "CPn"), and how it is
 * covered: entirely when the map gives evidence, the project presentation assesses it and the
 * dossier names it; in part when one of those is missing; outside the project when the map says
 * only another part of the exam assesses it (CP11: the English questionnaire).
 */
export function coverage(mapYaml: string, sections: Section[]): CoverageRow[] {
  const map = Competences.parse(parse(mapYaml));
  return map.competences.map(({ id, intitule, epreuves, preuves }) => {
    const cp = new RegExp(`\\b${id}\\b`);
    const where = sections.flatMap((s) => {
      const prose = withoutGenerated(s.markdown);
      const parts = prose.split(/^(?=##\s)/m);
      const hits = parts
        .filter((p) => cp.test(p))
        .map((p) => /^##\s+(.+)$/m.exec(p)?.[1]?.trim() ?? s.title);
      return [...new Set(hits)].map((h) =>
        h === s.title ? s.title : `${s.title.split(" ")[0] ?? ""} ${h}`,
      );
    });
    const inPresentation = epreuves === undefined || epreuves.some((e) => /présentation/i.test(e));
    const coverage: CoverageRow["coverage"] = !inPresentation
      ? "hors projet"
      : preuves.length > 0 && where.length > 0
        ? "entièrement"
        : "en partie";
    return { id, intitule, where, coverage };
  });
}

function withoutGenerated(markdown: string): string {
  return withoutComments(
    markdown
      .replace(/<!-- généré:[\s\S]*?<!-- fin du bloc généré -->/g, "")
      .replace(/<!-- extrait:[\s\S]*?<!-- fin de l'extrait -->/g, "")
      .replace(/<!-- consigne[\s\S]*?<!-- fin de la consigne -->/g, ""),
  );
}

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

const CSS = `
  @page { size: A4; margin: 18mm 18mm 20mm 18mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
  h1 { font-size: 20pt; color: #0b3d91; border-bottom: 2px solid #0b3d91; padding-bottom: 4px; }
  h2 { font-size: 14pt; color: #0b3d91; margin-top: 18px; }
  h3 { font-size: 12pt; }
  table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 8px 0; }
  th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #eef1f6; }
  pre { background: #f4f4f4; padding: 6px; font-size: 8pt; white-space: pre-wrap; overflow-wrap: anywhere; }
  code { font-size: 0.9em; overflow-wrap: anywhere; }
  blockquote { border-left: 4px solid #c75300; margin: 8px 0; padding: 2px 10px; background: #fff4e8; }
  img.diagram { display: block; max-width: 100%; max-height: 200mm; margin: 8px auto; }
  a { color: #111; text-decoration: none; }
  .cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
  .cover h1 { border: none; font-size: 28pt; }
  .cover p { font-size: 13pt; }
  .toc li { margin: 4px 0; } .toc .page { float: right; } .toc ul ul { color: #333; font-size: 9.5pt; }
`;

const page = (body: string): string =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>${CSS}</style></head><body>${body}</body></html>`;

const escape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

async function printPart(browser: Browser, html: string): Promise<Uint8Array> {
  const tab = await browser.newPage();
  try {
    await tab.setContent(html, { waitUntil: "load" });
    return await tab.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  } finally {
    await tab.close();
  }
}

/** A section's HTML, its Mermaid diagrams replaced by PNG images. */
async function sectionHtml(browser: Browser, section: Section): Promise<string> {
  const source = withoutComments(section.markdown);
  const blocks = mermaidBlocks(source);
  const svgs = await renderMermaid(browser, blocks);
  let i = 0;
  const markdown = source.replace(/^```mermaid\n[\s\S]*?^```$/gm, () => {
    const block = blocks[i++];
    const svg = block === undefined ? undefined : svgs.get(block.slug);
    return svg === undefined ? "" : `\n<!--diagram:${String(i - 1)}-->\n`;
  });
  let html = md.render(markdown);
  for (const [n, block] of blocks.entries()) {
    const svg = svgs.get(block.slug);
    if (svg === undefined) continue;
    const png = (await svgToPng(browser, svg)).toString("base64");
    html = html.replace(
      `<!--diagram:${String(n)}-->`,
      `<img class="diagram" alt="Schéma : ${escape(block.slug)}" src="data:image/png;base64,${png}">`,
    );
  }
  return html;
}

export interface DossierOptions {
  dir?: string;
  mapYaml?: string;
  mapMarkdown?: string;
  output?: string;
  project?: string;
}

export interface DossierResult {
  output: string;
  pages: number;
  bodyPages: number;
  images: number;
  toc: string[];
  warning?: string;
}

export async function buildDossier(options: DossierOptions = {}): Promise<DossierResult> {
  const dir = options.dir ?? DOSSIER_DIR;
  const output = options.output ?? OUTPUT;
  const sections = readSections(dir);
  if (sections.length === 0) throw new Error(`no NN-*.md section in ${dir}`);
  const rows = coverage(readFileSync(options.mapYaml ?? MAP_YAML, "utf8"), sections);
  const project = options.project ?? sections[0]?.title ?? "Projet";

  return withBrowser(async (browser) => {
    const cover = page(`<div class="cover">
      <p>Dossier de projet</p>
      <h1>${escape(project)}</h1>
      <p>Titre professionnel de niveau 6 « Administrateur Système DevOps » (RNCP36061)</p>
      <p>Candidat : ✍️ votre nom — session : ✍️ date et lieu</p>
      <p style="font-size:9pt">Imprimé le ${new Date().toISOString().slice(0, 10)} depuis le dépôt.</p>
    </div>`);
    const table = page(`<h1>Compétences couvertes, et où le dossier les montre</h1>
      <table><colgroup><col style="width:8%"><col style="width:32%"><col style="width:42%"><col style="width:18%"></colgroup><thead><tr><th>CP</th><th>Compétence</th><th>Où dans le dossier</th><th>Couverture</th></tr></thead><tbody>
      ${rows
        .map(
          (r) =>
            `<tr><td>${r.id}</td><td>${escape(r.intitule)}</td><td>${r.where.map(escape).join("<br>") || "—"}</td><td>${r.coverage}</td></tr>`,
        )
        .join("")}
      </tbody></table>
      <p style="font-size:9pt">Entièrement : des preuves dans la carte des compétences, évaluée à la présentation du projet, et nommée
      dans le texte du dossier. En partie : l'un des trois manque. Hors projet : évaluée par une autre épreuve
      (CP11 : le questionnaire professionnel en anglais). Carte détaillée des preuves : annexe.</p>`);
    const annexMarkdown = readFileSync(options.mapMarkdown ?? MAP_MD, "utf8").replace(
      /^# .+$/m,
      "# Annexe : carte détaillée des preuves",
    );
    const sectionPdfs: Uint8Array[] = [];
    let images = 0;
    for (const s of sections) {
      const html = await sectionHtml(browser, s);
      images += (html.match(/<img class="diagram"/g) ?? []).length;
      sectionPdfs.push(await printPart(browser, page(html)));
    }
    const annexPdf = await printPart(browser, page(md.render(withoutComments(annexMarkdown))));
    const coverPdf = await printPart(browser, cover);
    const tablePdf = await printPart(browser, table);
    const count = async (bytes: Uint8Array): Promise<number> =>
      (await PDFDocument.load(bytes)).getPageCount();

    // The table of contents' own length moves every page after it: print it until it is stable.
    let tocPages = 1;
    let tocPdf: Uint8Array = new Uint8Array();
    let toc: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      let next = 1 + tocPages + 1; // cover, contents, then the competency table starts here
      const entries: { title: string; page: number; sub: string[] }[] = [
        { title: "Compétences couvertes, et où le dossier les montre", page: next, sub: [] },
      ];
      next += await count(tablePdf);
      for (const [i, s] of sections.entries()) {
        entries.push({ title: s.title, page: next, sub: s.headings });
        next += await count(sectionPdfs[i] ?? new Uint8Array());
      }
      entries.push({ title: "Annexe : carte détaillée des preuves", page: next, sub: [] });
      toc = entries.map((e) => e.title);
      tocPdf = await printPart(
        browser,
        page(
          `<h1>Sommaire</h1><ul class="toc">${entries
            .map(
              (e) =>
                `<li><span class="page">${String(e.page)}</span>${escape(e.title)}${
                  e.sub.length > 0
                    ? `<ul>${e.sub.map((h) => `<li>${escape(h)}</li>`).join("")}</ul>`
                    : ""
                }</li>`,
            )
            .join("")}</ul>`,
        ),
      );
      const actual = await count(tocPdf);
      if (actual === tocPages) break;
      tocPages = actual;
    }

    const merged = await PDFDocument.create();
    merged.setTitle(`Dossier de projet — ${project}`);
    merged.setLanguage("fr-FR");
    let bodyPages = 0;
    for (const [i, bytes] of [coverPdf, tocPdf, tablePdf, ...sectionPdfs, annexPdf].entries()) {
      const part = await PDFDocument.load(bytes);
      const pages = await merged.copyPages(part, part.getPageIndices());
      for (const p of pages) merged.addPage(p);
      if (i < 3 + sectionPdfs.length) bodyPages += pages.length;
    }
    const font = await merged.embedFont(StandardFonts.Helvetica);
    const total = merged.getPageCount();
    for (const [i, p] of merged.getPages().entries()) {
      if (i === 0) continue; // no number on the cover
      const label = `${String(i + 1)} / ${String(total)}`;
      p.drawText(label, {
        x: p.getWidth() / 2 - font.widthOfTextAtSize(label, 9) / 2,
        y: 24,
        size: 9,
        font,
        color: rgb(0.2, 0.2, 0.2),
      });
    }
    mkdirSync(join(output, ".."), { recursive: true });
    writeFileSync(output, await merged.save());
    const warning =
      bodyPages < BODY_PAGES.min || bodyPages > BODY_PAGES.max
        ? `the dossier has ${String(bodyPages)} pages before its annex, outside ${String(BODY_PAGES.min)} to ${String(BODY_PAGES.max)} (15 minutes of reading for the RNCP jury: docs/dossier-imprime.md)`
        : undefined;
    return { output, pages: total, bodyPages, images, toc, warning };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (chromium() === undefined) {
    process.stdout.write(
      "no Chromium found (CHROME_PATH, /usr/bin/chromium): dossier PDF not built\n",
    );
  } else {
    const result = await buildDossier();
    process.stdout.write(
      `wrote ${result.output}: ${String(result.pages)} pages (${String(result.bodyPages)} before the annex), ${String(result.images)} diagrams\n`,
    );
    if (result.warning !== undefined) process.stderr.write(`warning: ${result.warning}\n`);
  }
}
