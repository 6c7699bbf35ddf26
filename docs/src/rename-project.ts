// npm run rename -- <scope> <app-name>: makes this template a candidate's own project. Renames the
// workspace scope (@fil-rouge/...) and the application's name (shortlinks) in every tracked file
// and file name, each form where it belongs: kebab-case for packages, files, Kubernetes and AWS
// names (shortlinks-api), snake_case for metrics and SQL names (shortlinks_app), UPPER_SNAKE for
// environment variables, PascalCase for alert names (ShortlinksTargetDown) and camelCase for
// identifiers (shortlinksSlos). Then it refreshes the lockfile (npm install), regenerates the
// generated files and applies Prettier, so the tree it leaves passes `npm test`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { APP_NAME, appNameProblem, nameForms } from "@fil-rouge/toolchain/app-name";
import { trackedFiles } from "./tracked-files.js";

/** This workspace's own package name carries the scope as it stands (@fil-rouge/docs). */
export const OLD_SCOPE = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string }
).name.replace(/^@([^/]+)\/.*$/, "$1");
export const OLD_NAME = APP_NAME;
const USAGE = "usage: npm run rename -- <scope> <app-name>   e.g. npm run rename -- acme link-hub";

export class RenameError extends Error {}

export function validateNames(
  scope: string | undefined,
  name: string | undefined,
): { scope: string; name: string } {
  if (!scope || !name) throw new RenameError(USAGE);
  // An npm scope that is also a valid DNS label (it names the images' repository paths too).
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(scope) || scope.length > 31) {
    throw new RenameError(
      `scope "${scope}": lower-case letters and digits in words joined by single dashes, at most 31 characters\n${USAGE}`,
    );
  }
  const problem = appNameProblem(name);
  if (problem) throw new RenameError(`app name "${name}": ${problem}\n${USAGE}`);
  if (name === OLD_NAME && scope === OLD_SCOPE)
    throw new RenameError("nothing to rename: these are the current names");
  return { scope, name };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Each form of the old name and what replaces it, in the order they are applied. While the old
 * name is one word its kebab, snake and camel forms are the same letters: what follows tells them
 * apart (an upper-case letter: an identifier; an underscore: a metric or SQL name).
 */
export function replacements(
  scope: string,
  name: string,
  old = { scope: OLD_SCOPE, name: OLD_NAME },
): [RegExp, string][] {
  const from = nameForms(old.name);
  const to = nameForms(name);
  const oneWord = !old.name.includes("-");
  return [
    [new RegExp(escape(`@${old.scope}/`), "g"), `@${scope}/`],
    [new RegExp(escape(from.upperSnake), "g"), to.upperSnake],
    [new RegExp(escape(from.pascal), "g"), to.pascal],
    [new RegExp(escape(from.camel) + (oneWord ? "(?=[A-Z])" : ""), "g"), to.camel],
    [new RegExp(escape(from.snake) + (oneWord ? "(?=_)" : ""), "g"), to.snake],
    [new RegExp(escape(from.kebab), "g"), to.kebab],
  ];
}

export function renameText(text: string, pairs: [RegExp, string][]): string {
  return pairs.reduce((result, [from, to]) => result.replace(from, to), text);
}

/** Rewrites the tracked files of `root` (a work tree); returns how many files changed. */
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

/**
 * What makes the renamed tree whole again, in order: the lockfile and the workspace links under
 * the new scope, the generated files (competency views, dashboards, rules: their tables change
 * width with the name), then Prettier over everything the name changed.
 */
export const FOLLOW_UP: { why: string; command: string[] }[] = [
  { why: "lockfile and workspace links", command: ["npm", "install", "--no-audit", "--no-fund"] },
  {
    why: "generated files",
    command: ["npm", "run", "generate", "--workspaces", "--if-present"],
  },
  {
    why: "formatting",
    command: ["node_modules/.bin/prettier", "--write", "--log-level", "warn", "."],
  },
];

export function followUp(root: string, log: (line: string) => void): void {
  for (const { why, command } of FOLLOW_UP) {
    log(`${why}: ${command.join(" ")}`);
    const [program, ...args] = command as [string, ...string[]];
    const result = spawnSync(program, args, { cwd: root, stdio: "inherit" });
    if (result.status !== 0)
      throw new RenameError(
        `${command.join(" ")} failed (${result.error?.message ?? `exit ${String(result.status)}`}): the files are renamed; fix the cause and run it again by hand`,
      );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const args = process.argv.slice(2);
    const skipFollowUp = args.includes("--no-follow-up");
    const [scopeArg, nameArg] = args.filter((a) => !a.startsWith("--"));
    const { scope, name } = validateNames(scopeArg, nameArg);
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const { files, renamed } = renameProject(root, scope, name);
    process.stdout.write(
      `rewrote ${String(files)} files and renamed ${String(renamed)}: @${OLD_SCOPE} -> @${scope}, ${OLD_NAME} -> ${name}\n`,
    );
    if (!skipFollowUp) followUp(root, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write("next: npm test, then commit\n");
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
