// Finds the refused calques and English words (src/french-terms.ts) in the French prose of a
// Markdown file: code blocks, code spans, URLs, link targets, HTML comments and front matter are
// left out, since they hold identifiers (`severity: page`), not sentences.
import { FRENCH_PATHS, REFUSED_FORMS, type RefusedForm } from "./french-terms.js";

export interface ProseLine {
  line: number;
  text: string;
}

export interface Finding {
  file: string;
  line: number;
  found: string;
  use: string;
}

/** True when the whole file is French (FRENCH_PATHS, a folder when the entry ends with "/"). */
export function isFrenchPath(file: string): boolean {
  return FRENCH_PATHS.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p));
}

/** The text a reader sees on one line: no code span, URL, link target or inline HTML comment. */
function visibleText(line: string): string {
  return line
    .replace(/<!--.*?-->/g, " ")
    .replace(/(`+)[^`]*?\1/g, " ")
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/<https?:[^>]*>/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
}

/**
 * The prose lines of a Markdown file that are French: every line when `wholeFile`, otherwise the
 * sections under a heading starting with "Français" (to the next heading of the same or a higher
 * level).
 */
export function frenchProse(markdown: string, wholeFile: boolean): ProseLine[] {
  const lines = markdown.split("\n");
  const out: ProseLine[] = [];
  let fence: string | undefined;
  let inComment = false;
  let frenchLevel: number | undefined;
  let start = 0;
  if (lines[0] === "---") {
    const end = lines.indexOf("---", 1);
    if (end > 0) start = end + 1;
  }
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const fenceMark = /^\s*(```+|~~~+)/.exec(raw)?.[1];
    if (fence !== undefined) {
      if (fenceMark?.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fenceMark !== undefined) {
      fence = fenceMark;
      continue;
    }
    if (inComment) {
      if (raw.includes("-->")) inComment = false;
      continue;
    }
    if (/<!--(?!.*-->)/.test(raw)) {
      inComment = true;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      if (frenchLevel !== undefined && level <= frenchLevel) frenchLevel = undefined;
      if (frenchLevel === undefined && /^[_*]*français/i.test(heading[2] ?? "")) {
        frenchLevel = level;
      }
    }
    if (wholeFile || frenchLevel !== undefined) out.push({ line: i + 1, text: visibleText(raw) });
  }
  return out;
}

/** Every refused form in the given prose, with the word to use instead. */
export function refusedForms(
  file: string,
  prose: ProseLine[],
  forms: readonly RefusedForm[] = REFUSED_FORMS,
): Finding[] {
  return prose.flatMap(({ line, text }) =>
    forms.flatMap(({ pattern, use }) => {
      const found = pattern.exec(text)?.[0];
      return found === undefined ? [] : [{ file, line, found, use }];
    }),
  );
}

const FRENCH_WORDS = new Set(
  "le la les des une est et du pour dans que qui sur pas au aux avec ce cette sont par ou son sa ses".split(
    " ",
  ),
);
const ENGLISH_WORDS = new Set(
  "the and is of to in for with that are on by it this be as an or from its which when".split(" "),
);

/** The share of French among the function words of some prose (0 when it has none). */
export function frenchShare(prose: ProseLine[]): number {
  let fr = 0;
  let en = 0;
  for (const { text } of prose) {
    for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
      if (FRENCH_WORDS.has(word)) fr++;
      else if (ENGLISH_WORDS.has(word)) en++;
    }
  }
  return fr + en === 0 ? 0 : fr / (fr + en);
}
