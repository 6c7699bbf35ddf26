// npm run slides -w @fil-rouge/docs: each slide source of presentation/ (the candidate's deck and
// the worked example) becomes two decks, the 30-minute RNCP presentation and the 20-minute
// DataScientest one, as HTML, and as PDF where Chromium is installed (Debian's chromium, or
// CHROME_PATH). The Mermaid diagrams of docs/architecture.md are rendered to SVG for the slides
// that show them; without Chromium they are left out with a notice.
//
// A slide source is Marp Markdown whose slides each start with one comment:
//   <!-- slide: section=3 rncp=2 ds=1.5 visual -->
// section: the required plan's part (1 to 6), absent for the title, demo plan and closing slides;
// rncp / ds: its minutes in that deck (absent: not in that deck; 0: shown, untimed); visual: it
// must carry an image. `![caption](diagram:<heading>)` names a diagram of docs/architecture.md by
// its heading's anchor.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { marpCli } from "@marp-team/marp-cli";
import { chromium, withBrowser } from "./chromium.js";
import { mermaidBlocks, renderMermaid } from "./render-mermaid.js";

export { chromium };

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
export const PRESENTATION_DIR = here("../presentation/");
export const OUTPUT_DIR = here("../presentation/dist/");
export const ARCHITECTURE = here("../architecture.md");
export const THEME = here("../presentation/theme.css");

/** The slide sources: the candidate's deck, and the worked example (not to be handed in). */
export const SOURCES = {
  slides: join(PRESENTATION_DIR, "slides.md"),
  exemple: join(PRESENTATION_DIR, "exemple.md"),
} as const;
export type SourceName = keyof typeof SOURCES;

/** Each deck, its length, and what follows it on exam day (modalites-certification.md). */
export const DECKS = {
  rncp: { minutes: 30, next: /entretien technique \(30 minutes\)/ },
  ds: { minutes: 20, next: /démonstration \(10 minutes\)[\s\S]*questions \(10 minutes\)/ },
} as const;
export type Deck = keyof typeof DECKS;
export const DECK_FILE: Record<Deck, string> = { rncp: "rncp", ds: "datascientest" };

export interface Slide {
  index: number;
  body: string;
  section?: number;
  minutes: Partial<Record<Deck, number>>;
  visual: boolean;
  images: string[];
}

export interface SlideSource {
  frontMatter: string;
  slides: Slide[];
}

/** Splits a slide source into its front matter and its slides with their plan comments. */
export function parseSlides(source: string): SlideSource {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error("a slide source starts with Marp front matter (---)");
  const rest = source.slice(match[0].length);
  const slides = rest.split(/^---$/m).map((body, index): Slide => {
    const plan = /<!-- slide:([^>]*?)-->/.exec(body)?.[1] ?? "";
    const value = (key: string): number | undefined => {
      const v = new RegExp(`\\b${key}=([\\d.]+)`).exec(plan)?.[1];
      return v === undefined ? undefined : Number(v);
    };
    const minutes: Partial<Record<Deck, number>> = {};
    for (const deck of Object.keys(DECKS) as Deck[]) {
      const m = value(deck);
      if (m !== undefined) minutes[deck] = m;
    }
    return {
      index,
      body,
      section: value("section"),
      minutes,
      visual: /\bvisual\b/.test(plan),
      images: [...body.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? ""),
    };
  });
  return { frontMatter: match[1] ?? "", slides };
}

/** Everything wrong with one deck of a source: order, timing, visuals, closing slide. */
export function deckProblems(source: SlideSource, deck: Deck, diagrams: string[]): string[] {
  const problems: string[] = [];
  const slides = source.slides.filter((s) => s.minutes[deck] !== undefined);
  const plan = source.slides.filter((s) => !s.body.includes("<!-- slide:"));
  for (const s of plan) problems.push(`slide ${String(s.index + 1)} has no <!-- slide: … --> plan`);
  const total = slides.reduce((sum, s) => sum + (s.minutes[deck] ?? 0), 0);
  if (Math.abs(total - DECKS[deck].minutes) > 1e-9) {
    problems.push(
      `${deck}: slides add up to ${String(total)} minutes, not ${String(DECKS[deck].minutes)}`,
    );
  }
  const sections = slides.flatMap((s) => (s.section === undefined ? [] : [s.section]));
  const order = [...new Set(sections)];
  if (
    order.join(",") !== "1,2,3,4,5,6" ||
    sections.some((n, i) => i > 0 && n < (sections[i - 1] ?? 0))
  ) {
    problems.push(`${deck}: sections run ${sections.join(",")}, not 1 to 6 in the required order`);
  }
  for (const s of slides.filter((x) => x.visual)) {
    if (s.images.length === 0)
      problems.push(`${deck}: slide ${String(s.index + 1)} is visual but has no image`);
  }
  for (const s of slides) {
    for (const image of s.images) {
      const diagram = /^diagram:(.+)$/.exec(image)?.[1];
      if (
        diagram !== undefined
          ? !diagrams.includes(diagram)
          : !existsSync(join(PRESENTATION_DIR, image))
      ) {
        problems.push(`${deck}: slide ${String(s.index + 1)} shows ${image}, which does not exist`);
      }
    }
  }
  const last = slides.at(-1)?.body ?? "";
  if (!DECKS[deck].next.test(last)) {
    problems.push(
      `${deck}: the closing slide does not announce what follows (${String(DECKS[deck].next)})`,
    );
  }
  return problems;
}

/** The Marp Markdown of one deck, written in OUTPUT_DIR (images relative to it). */
export function deckMarkdown(source: SlideSource, deck: Deck): string {
  const slides = source.slides
    .filter((s) => s.minutes[deck] !== undefined)
    .map((s) =>
      s.body
        .replace(/\]\(diagram:([^)\s]+)\)/g, "](diagrams/$1.svg)")
        .replace(/\]\((captures\/[^)\s]+)\)/g, "](../$1)"),
    );
  return `---\n${source.frontMatter}\n---\n${slides.join("---")}`;
}

/** Renders the architecture diagrams into OUTPUT_DIR/diagrams (needs Chromium). */
export async function renderDiagrams(): Promise<string[]> {
  const blocks = mermaidBlocks(readFileSync(ARCHITECTURE, "utf8"));
  const svgs = await withBrowser((browser) => renderMermaid(browser, blocks));
  mkdirSync(join(OUTPUT_DIR, "diagrams"), { recursive: true });
  return [...svgs].map(([slug, svg]) => {
    const file = join(OUTPUT_DIR, "diagrams", `${slug}.svg`);
    writeFileSync(file, svg);
    return file;
  });
}

/** Builds one deck of one source; returns the file written. */
export async function buildDeck(
  name: SourceName,
  deck: Deck,
  format: "html" | "pdf",
): Promise<string> {
  const source = parseSlides(readFileSync(SOURCES[name], "utf8"));
  const problems = deckProblems(source, deck, diagramNames());
  if (problems.length > 0) throw new Error(`${SOURCES[name]}:\n  ${problems.join("\n  ")}`);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const base = join(OUTPUT_DIR, `${name}-${DECK_FILE[deck]}`);
  writeFileSync(`${base}.md`, deckMarkdown(source, deck));
  const output = `${base}.${format}`;
  const args = [
    `${base}.md`,
    "--theme-set",
    THEME,
    "--output",
    output,
    "--allow-local-files",
    "--no-stdin",
  ];
  const browser = chromium();
  if (format === "pdf" && browser) args.push("--browser-path", browser);
  const status = await marpCli(args);
  if (status !== 0) throw new Error(`marp exited ${String(status)} building ${output}`);
  return output;
}

export function diagramNames(): string[] {
  return mermaidBlocks(readFileSync(ARCHITECTURE, "utf8")).map((b) => b.slug);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pdf = chromium() !== undefined;
  if (pdf) for (const file of await renderDiagrams()) process.stdout.write(`wrote ${file}\n`);
  else
    process.stdout.write(
      "no Chromium found (CHROME_PATH, /usr/bin/chromium): HTML only, without diagrams\n",
    );
  for (const name of Object.keys(SOURCES) as SourceName[]) {
    for (const deck of Object.keys(DECKS) as Deck[]) {
      process.stdout.write(`wrote ${await buildDeck(name, deck, "html")}\n`);
      if (pdf) process.stdout.write(`wrote ${await buildDeck(name, deck, "pdf")}\n`);
    }
  }
}
