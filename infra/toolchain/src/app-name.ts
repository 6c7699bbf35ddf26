// The application's name and the forms it takes in this repository, for `npm run rename` and for
// the tests that check every derived name still fits where it goes (an AWS name, a DNS label).
// One word today, so several forms coincide; the rename tells them apart by what follows them.

/** The application's name as it stands in the tree (kebab-case); `npm run rename` rewrites it. */
export const APP_NAME = "shortlinks";

/**
 * The longest name `npm run rename` accepts. infra/aws/src/name-lengths.test.ts computes, under
 * mocks, the room each AWS name derived from it leaves: 31 characters today, bound by the backup
 * bucket (63) and the staging roles with Pulumi's suffix (64). 20 keeps a margin for the names
 * pulumi-eks derives inside its component, which the mocks do not show.
 */
export const MAX_APP_NAME_LENGTH = 20;

/** A valid DNS label that starts with a letter: every form below can be derived from it. */
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface NameForms {
  /** shortlinks-api, Kubernetes and AWS names, files, packages. */
  kebab: string;
  /** shortlinks_links_created_total, SQL roles and databases. */
  snake: string;
  /** SHORTLINKS_APP_PASSWORD: environment variables. */
  upperSnake: string;
  /** ShortlinksTargetDown: alert names, types. */
  pascal: string;
  /** shortlinksSlos: identifiers. */
  camel: string;
}

export function nameForms(name: string): NameForms {
  const words = name.split("-");
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return {
    kebab: name,
    snake: words.join("_"),
    upperSnake: words.join("_").toUpperCase(),
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
  };
}

/** Why `name` cannot be an application name, or undefined when it can. */
export function appNameProblem(name: string): string | undefined {
  if (!KEBAB.test(name))
    return "kebab-case: lower-case letters and digits in words joined by single dashes, starting with a letter";
  if (name.length < 2 || name.length > MAX_APP_NAME_LENGTH)
    return `2 to ${String(MAX_APP_NAME_LENGTH)} characters (the longest name that still fits every AWS name derived from it)`;
  return undefined;
}
