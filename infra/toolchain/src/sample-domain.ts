// The words of the sample application's domain (a link shortener), kept in one place: the seam
// test (docs/src/sample-app-seam.test.ts) fails when a file outside docs/fork.md's list of
// app-specific files names one of them, so a fork knows exactly what to replace.
import { existsSync, readFileSync } from "node:fs";
import { join, matchesGlob } from "node:path";
import { trackedFiles } from "./tracked-files.js";

/**
 * Terms no generic part of a web service needs: the shortener's nouns, its routes and metrics.
 * Plain "link" is left out on purpose: Markdown links, symlinks and resource links are generic.
 */
export const SAMPLE_DOMAIN_WORDS: readonly RegExp[] = [
  /\bslugs?\b/i,
  /\bshorten/i,
  /\/api\/links\b/,
  /\bStoredLinks?\b/,
  /\bLinkStore\b/,
  /\blinks_created\b/,
  /\bclicks\b/i,
  /\bredirect(s|ed|ing)?\b/i,
];

/** The first domain word `text` names, or undefined. */
export function sampleDomainWord(text: string): string | undefined {
  for (const word of SAMPLE_DOMAIN_WORDS) {
    const match = word.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/** The tracked files of `root` that name the sample domain, with the first word found. */
export function filesNamingSampleDomain(root: string): { path: string; word: string }[] {
  return trackedFiles(root).flatMap((path) => {
    if (!existsSync(join(root, path))) return []; // deleted, not yet committed
    const buffer = readFileSync(join(root, path));
    if (buffer.includes(0)) return []; // binary
    const word = sampleDomainWord(buffer.toString("utf8")) ?? sampleDomainWord(path);
    return word === undefined ? [] : [{ path, word }];
  });
}

/** The entries of a list (`glob   # why` per line) that `path` matches. */
export const matchingEntries = (path: string, globs: readonly string[]) =>
  globs.filter((glob) => matchesGlob(path, glob));
