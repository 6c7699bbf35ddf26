// `npm run dossier:check`: is the candidate's dossier their own and finished? It fails while
//   - a guidance block of the skeleton is still there (<!-- consigne --> … <!-- fin de la consigne -->),
//   - a question of the skeleton is unanswered (a line `> ✍️ À rédiger : …` is still there),
//   - a marker remains (À adapter, À rédiger, À compléter, TODO, FIXME, TBD),
//   - a part (## heading) is empty, or a required section file is missing,
//   - a sentence of twelve words or more is copied from the commented example (docs/exemple/).
// Copies are found on normalised text: Unicode NFC, lower case, typographic apostrophes made
// straight, then only the words kept (runs of letters and digits, joined by an apostrophe or a
// hyphen: « l'équipe » and « pré-production » are one word each), so case, punctuation, Markdown
// emphasis, links' targets and line wrapping change nothing. Code, excerpts, generated tables and
// HTML comments are not prose and are skipped on both sides.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface DossierFile {
  /** Shown in reports: the path as the candidate would type it. */
  path: string;
  text: string;
}

export type ProblemKind =
  | "section manquante"
  | "consigne à retirer"
  | "question sans réponse"
  | "marqueur"
  | "partie vide"
  | "phrase copiée de l'exemple";

export interface DossierProblem {
  file: string;
  line: number;
  kind: ProblemKind;
  text: string;
}

/** The required plan (referential, "Plan type du dossier de projet"), and the provenance part first. */
export const REQUIRED_SECTIONS = [
  { file: "00-point-de-depart.md", title: "# Point de départ et apports personnels" },
  {
    file: "01-competences-couvertes.md",
    title: "# 1. Compétences du référentiel couvertes par le projet",
  },
  { file: "02-cahier-des-charges.md", title: "# 2. Cahier des charges" },
  { file: "03-specifications-techniques.md", title: "# 3. Spécifications techniques" },
  { file: "04-demarche-et-outils.md", title: "# 4. Démarche et outils, collaborations" },
  {
    file: "05-realisations.md",
    title: "# 5. Réalisations : scripts et configurations les plus significatifs",
  },
  {
    file: "06-situation-de-recherche.md",
    title: "# 6. Situation de travail ayant nécessité une recherche",
  },
] as const;

export const MIN_COPIED_WORDS = 12;
const QUESTION = /^\s*>\s*✍️\s*\**À rédiger\s*:?\**\s*:?\s*(.*)$/u;
const MARKER = /À adapter|À rédiger|À compléter|\bTODO\b|\bFIXME\b|\bTBD\b/iu;
const GUIDANCE_START = /<!-- consigne\b/u;
const GUIDANCE_END = "<!-- fin de la consigne -->";
const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** The words of a text, normalised as the header says. */
export function words(text: string): string[] {
  return text.normalize("NFC").toLowerCase().replaceAll("’", "'").match(WORD) ?? [];
}

interface Line {
  number: number;
  text: string;
}

/**
 * The lines of a Markdown file that hold prose, with what is not prose blanked: guidance blocks
 * (reported on their own), fenced code, excerpts, generated blocks and HTML comments.
 */
function proseLines(markdown: string): Line[] {
  const out: Line[] = [];
  let skipUntil: RegExp | undefined;
  markdown.split("\n").forEach((text, i) => {
    const number = i + 1;
    if (skipUntil) {
      if (skipUntil.test(text)) skipUntil = undefined;
      out.push({ number, text: "" });
      return;
    }
    const fence = /^\s*(`{3,}|~{3,})/.exec(text);
    if (GUIDANCE_START.test(text)) skipUntil = /<!-- fin de la consigne -->/u;
    else if (/<!-- (extrait|généré):/u.test(text))
      skipUntil = /<!-- fin (de l'extrait|du bloc généré) -->/u;
    else if (fence) skipUntil = new RegExp(`^\\s*${fence[1] ?? "```"}\\s*$`);
    else if (/^\s*<!--/.test(text) && !text.includes("-->")) skipUntil = /-->/;
    out.push({ number, text: skipUntil ? "" : text.replace(/<!--.*?-->/g, "") });
  });
  return out;
}

interface Sentence {
  line: number;
  text: string;
}

/** Prose cut into sentences: paragraphs, list items, table cells and headings, then at . ! ? … */
export function sentences(markdown: string): Sentence[] {
  const units: { start: number; parts: Line[] }[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length > 0) units.push({ start: current[0]?.number ?? 0, parts: current });
    current = [];
  };
  for (const { number, text } of proseLines(markdown)) {
    const bare = text.replace(/^\s*(>\s?)+/, "");
    if (bare.trim() === "") {
      flush();
      continue;
    }
    if (/^\s*\|/.test(bare)) {
      flush();
      for (const cell of bare.split("|"))
        units.push({ start: number, parts: [{ number, text: cell }] });
      continue;
    }
    if (/^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s)/.test(bare)) flush();
    current.push({ number, text: bare.replace(/^\s*(#{1,6}|[-*+]|\d+[.)])\s+/, "") });
  }
  flush();

  const found: Sentence[] = [];
  for (const unit of units) {
    // Join the lines, remembering where each starts, then cut after end punctuation.
    let joined = "";
    const starts: { offset: number; line: number }[] = [];
    for (const part of unit.parts) {
      starts.push({ offset: joined.length, line: part.number });
      joined += `${part.text.replace(/\]\([^)]*\)/g, "]")} `;
    }
    // A sentence ends at . ! ? or … followed by a space: « .github » and « 99,5 % » do not end one.
    const cut = /\S[\s\S]*?(?:[.!?…]+(?=\s)|$)/gu;
    for (const match of joined.matchAll(cut)) {
      // Each match starts on a non-space character, so its index is where the sentence starts.
      const text = match[0].trim();
      const offset = match.index;
      const line = [...starts].reverse().find((s) => s.offset <= offset)?.line ?? unit.start;
      found.push({ line, text });
    }
  }
  return found;
}

/** The example's prose as one string of normalised words, files kept apart. */
export function exampleWords(example: DossierFile[]): string {
  return ` ${example
    .map((f) =>
      words(
        sentences(f.text)
          .map((s) => s.text)
          .join(" "),
      ).join(" "),
    )
    .join(" | ")} `;
}

function fileProblems(file: DossierFile, example: string): DossierProblem[] {
  const problems: DossierProblem[] = [];
  const report = (line: number, kind: ProblemKind, text: string) =>
    problems.push({ file: file.path, line, kind, text: text.trim() });
  const lines = file.text.split("\n");

  let inGuidance = false;
  lines.forEach((text, i) => {
    if (GUIDANCE_START.test(text)) {
      inGuidance = true;
      report(
        i + 1,
        "consigne à retirer",
        "bloc de consigne du squelette (retirez-le une fois la section rédigée)",
      );
    }
    const question = QUESTION.exec(text);
    if (question) {
      // The question runs on over the quoted lines that follow it.
      const rest = [];
      for (const next of lines.slice(i + 1)) {
        if (!/^\s*>\s*\S/.test(next) || QUESTION.test(next)) break;
        rest.push(next.replace(/^\s*>\s*/, ""));
      }
      report(i + 1, "question sans réponse", [question[1] ?? "", ...rest].join(" "));
    } else if (!inGuidance && MARKER.test(text)) report(i + 1, "marqueur", text);
    if (text.includes(GUIDANCE_END)) inGuidance = false;
  });

  // A part (## heading) with nothing under it before the next part. Code, tables and excerpts
  // count as content; headings inside code fences are not headings.
  const prose = proseLines(file.text);
  let open: { line: number; text: string; filled: boolean } | undefined;
  const close = () => {
    if (open && !open.filled) report(open.line, "partie vide", open.text);
  };
  prose.forEach(({ number, text }) => {
    const raw = lines[number - 1] ?? "";
    if (/^#{1,2}\s/.test(text)) {
      close();
      open = text.startsWith("## ") ? { line: number, text, filled: false } : undefined;
    } else if (open && raw.trim() !== "") open.filled = true;
  });
  close();

  for (const sentence of sentences(file.text)) {
    const sentenceWords = words(sentence.text);
    if (sentenceWords.length < MIN_COPIED_WORDS) continue;
    if (example.includes(` ${sentenceWords.join(" ")} `))
      report(sentence.line, "phrase copiée de l'exemple", sentence.text);
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** Every problem of a dossier, file by file, in reading order. */
export function checkDossier(
  dir: string,
  dossier: DossierFile[],
  example: DossierFile[],
): DossierProblem[] {
  const exampleText = exampleWords(example);
  const names = new Set(dossier.map((f) => f.path.split("/").pop()));
  const missing: DossierProblem[] = REQUIRED_SECTIONS.filter((s) => !names.has(s.file)).map(
    (s) => ({
      file: `${dir}/${s.file}`,
      line: 1,
      kind: "section manquante",
      text: s.title.replace(/^# /, ""),
    }),
  );
  return [
    ...missing,
    ...[...dossier]
      .sort((a, b) => a.path.localeCompare(b.path))
      .flatMap((file) => fileProblems(file, exampleText)),
  ];
}

/** The Markdown files of a folder (not its README), as `shownAs/<file>`. */
export function readDossier(dir: string, shownAs: string): DossierFile[] {
  if (!existsSync(dir)) throw new Error(`${shownAs}: no such folder`);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .sort()
    .map((f) => ({ path: `${shownAs}/${f}`, text: readFileSync(join(dir, f), "utf8") }));
}

export const formatProblem = (p: DossierProblem) =>
  `${p.file}:${String(p.line)}: ${p.kind} : ${p.text}`;
