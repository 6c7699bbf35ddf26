// Mermaid to SVG in the system Chromium: the diagrams of docs/architecture.md (and of the dossier)
// become images for the slides and the printable dossier, from the same source GitHub shows.
// mermaid needs a real layout engine (it measures text), hence a browser rather than happy-dom.
import { createRequire } from "node:module";
import GithubSlugger from "github-slugger";
import type { Browser } from "puppeteer-core";

export interface MermaidBlock {
  /** GitHub's anchor of the heading above the block ("deployment-path"), numbered when repeated. */
  slug: string;
  code: string;
}

/** The Mermaid blocks of a Markdown file, each named after the nearest heading above it. */
export function mermaidBlocks(markdown: string): MermaidBlock[] {
  const slugger = new GithubSlugger();
  const seen = new Map<string, number>();
  const blocks: MermaidBlock[] = [];
  let heading = "diagram";
  for (const m of markdown.matchAll(/^(#{1,6})\s+(.+)$|^```mermaid\n([\s\S]*?)^```/gm)) {
    if (m[2] !== undefined) heading = slugger.slug(m[2]);
    else if (m[3] !== undefined) {
      const n = (seen.get(heading) ?? 0) + 1;
      seen.set(heading, n);
      blocks.push({ slug: n === 1 ? heading : `${heading}-${String(n)}`, code: m[3] });
    }
  }
  return blocks;
}

const MERMAID_JS = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");

/** Renders each diagram to a standalone SVG document; throws with the diagram's name on error. */
export async function renderMermaid(
  browser: Browser,
  diagrams: readonly MermaidBlock[],
): Promise<Map<string, string>> {
  const page = await browser.newPage();
  try {
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: MERMAID_JS });
    const out = new Map<string, string>();
    for (const [i, { slug, code }] of diagrams.entries()) {
      const svg = await page
        .evaluate(
          async (id: string, text: string) => {
            const api = (
              globalThis as unknown as {
                mermaid: {
                  initialize: (c: object) => void;
                  render: (id: string, text: string) => Promise<{ svg: string }>;
                };
              }
            ).mermaid;
            // htmlLabels off: labels as SVG text, so the file renders the same outside a browser
            // (Marp's <img>, Chromium's PDF) without foreignObject.
            api.initialize({
              startOnLoad: false,
              theme: "neutral",
              flowchart: { htmlLabels: false },
              fontFamily: "DejaVu Sans, Arial, sans-serif",
            });
            return (await api.render(id, text)).svg;
          },
          `d${String(i)}`,
          code,
        )
        .catch((error: unknown) => {
          throw new Error(`diagram ${slug} does not render: ${String(error)}`);
        });
      out.set(
        slug,
        svg.includes("xmlns=")
          ? svg
          : svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"'),
      );
    }
    return out;
  } finally {
    await page.close();
  }
}

/**
 * A diagram as a PNG, for print: Chromium prints an SVG <img> as vector shapes, which a reader
 * cannot tell from text in the PDF; a 2x raster is sharp on paper and is an image PDF tools see.
 */
export async function svgToPng(browser: Browser, svg: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1600, height: 1200, deviceScaleFactor: 2 });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`,
    );
    const element = await page.$("svg");
    if (element === null) throw new Error("the diagram rendered no <svg>");
    return Buffer.from(await element.screenshot({ type: "png", omitBackground: false }));
  } finally {
    await page.close();
  }
}
