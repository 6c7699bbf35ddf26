// npm run rename -- <scope> <app-name>: makes this template a candidate's own project. Renames the
// workspace scope (@fil-rouge/...) and the application's name (shortlinks) in every tracked file
// and file name, in each of the forms the name takes: shortlinks-api and shortlinks/<env>
// (kebab), shortlinks_links_created_total (snake), ShortlinksTargetDown (Pascal) and
// SHORTLINKS_... (upper snake). Then `npm install` refreshes the lockfile's links.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { trackedFiles } from "./tracked-files.js";

export const OLD_SCOPE = "fil-rouge";
export const OLD_NAME = "shortlinks";
const USAGE = "usage: npm run rename -- <scope> <app-name>   e.g. npm run rename -- acme linkly";

export class RenameError extends Error {}

export function validateNames(
  scope: string | undefined,
  name: string | undefined,
): { scope: string; name: string } {
  if (!scope || !name) throw new RenameError(USAGE);
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(scope)) {
    throw new RenameError(
      `scope "${scope}": lower-case letters, digits and dashes, 2 to 31 characters\n${USAGE}`,
    );
  }
  // Kebab-case, so that every form (snake, Pascal) can be derived and stays a valid identifier.
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 30) {
    throw new RenameError(
      `app name "${name}": kebab-case (letters, digits, single dashes), at most 30 characters\n${USAGE}`,
    );
  }
  if (name === OLD_NAME && scope === OLD_SCOPE)
    throw new RenameError("nothing to rename: these are the current names");
  return { scope, name };
}

/** Every form of the application's name, the new one for each old one, longest first. */
export function replacements(scope: string, name: string): [string, string][] {
  const words = name.split("-");
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return [
    [`@${OLD_SCOPE}/`, `@${scope}/`],
    ["SHORTLINKS", words.join("_").toUpperCase()],
    ["Shortlinks", pascal],
    ["shortlinks_", `${words.join("_")}_`],
    [OLD_NAME, name],
  ];
}

export function renameText(text: string, pairs: [string, string][]): string {
  return pairs.reduce((result, [from, to]) => result.replaceAll(from, to), text);
}

/** Rewrites the tracked files of `root` (a git work tree); returns how many files changed. */
export function renameProject(
  root: string,
  scope: string,
  name: string,
): { files: number; renamed: number } {
  const pairs = replacements(scope, name);
  const tracked = trackedFiles(root);
  let files = 0;
  for (const path of tracked) {
    const buffer = readFileSync(join(root, path));
    if (buffer.includes(0)) continue; // binary
    const text = buffer.toString("utf8");
    const next = renameText(text, pairs);
    if (next !== text) {
      writeFileSync(join(root, path), next);
      files += 1;
    }
  }
  let renamed = 0;
  for (const path of tracked) {
    const target = renameText(path, pairs);
    if (target !== path) {
      mkdirSync(dirname(join(root, target)), { recursive: true });
      renameSync(join(root, path), join(root, target));
      renamed += 1;
    }
  }
  return { files, renamed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { scope, name } = validateNames(process.argv[2], process.argv[3]);
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const { files, renamed } = renameProject(root, scope, name);
    process.stdout.write(
      `rewrote ${String(files)} files and renamed ${String(renamed)}: @${OLD_SCOPE} -> @${scope}, ${OLD_NAME} -> ${name}\n` +
        "next: npm install (refreshes the lockfile), npm test, then commit\n",
    );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
