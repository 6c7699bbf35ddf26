// The French a jury reads: which files are French, and the calques and English words refused in
// them, each with the word to write instead. This is the only list; docs/glossaire.md explains the
// replacements to a reader, and src/french-language.test.ts applies the list to every French file.

/**
 * Where French text is, decided by path rather than guessed: whole files or folders (a path
 * ending in "/") written in French for the jury and the candidate. Bilingual files (slo.md, the
 * demo cards, fork.md, runbooks) are not listed: in any Markdown file, a heading whose text starts
 * with "Français" opens a French section that runs to the next heading of the same or a higher
 * level. A safety net in the test fails on a tracked Markdown file that reads as French but is
 * covered by neither rule, so a new French file cannot slip past.
 */
export const FRENCH_PATHS: readonly string[] = [
  "docs/dossier/",
  "docs/exemple/",
  "docs/presentation/",
  "docs/competences.md",
  "docs/jury.md",
  "docs/examen.md",
  "docs/journal.md",
  "docs/glossaire.md",
  "docs/dossier-imprime.md",
  "docs/securite.md",
  "docs/deployer-une-journee.md",
  // npm run evidence's dated folders: each index.md is French.
  "docs/preuves/",
];

/**
 * French files that quote the refused forms on purpose, and why. They are still French (the safety
 * net counts them as covered) but are not scanned.
 */
export const QUOTING_REFUSED_FORMS: Readonly<Record<string, string>> = {
  "docs/glossaire.md": "its last column names the refused form next to each term",
};

export interface RefusedForm {
  /** Matched against French prose, code spans, URLs and HTML comments removed. */
  pattern: RegExp;
  /** What to write instead (a term of docs/glossaire.md). */
  use: string;
}

// Patterns are case-insensitive and use \p{L} boundaries, since \b does not treat "é" as a letter.
const w = (body: string): RegExp => new RegExp(`(?<![\\p{L}])(?:${body})(?![\\p{L}])`, "iu");

export const REFUSED_FORMS: readonly RefusedForm[] = [
  { pattern: w("arrêts? gracieux|gracieu(?:x|se|sement)"), use: "arrêt propre" },
  { pattern: w("graceful shutdown"), use: "arrêt propre" },
  { pattern: w("brûl\\p{L}*|brul\\p{L}*"), use: "consommer le budget d'erreur" },
  { pattern: w("combustions?"), use: "consommation du budget d'erreur" },
  { pattern: w("pour de vrai"), use: "réellement, en conditions réelles" },
  // The English term is allowed only in parentheses after the French one: "… (burn rate)".
  {
    pattern: w("(?<!\\(\\s*_?)burn[- ]rates?"),
    use: "taux de consommation du budget d'erreur (burn rate)",
  },
  // "page" meaning an alert that wakes someone: the French noun "page" is a page of a document.
  {
    pattern: w(
      "severity page|(?:astreinte|alertes?|sévérité)\\s+(?:pour\\s+les\\s+)?pages|pages?\\s+d'astreinte|(?:déclenche|envoie|reçoit)\\s+(?:une|la)\\s+page|pager|paging",
    ),
    use: "alerte d'astreinte (sévérité `page`)",
  },
  { pattern: /^\|\s*page\s*\|/imu, use: "alerte d'astreinte (sévérité `page`)" },
  { pattern: w("on-?call"), use: "astreinte" },
  { pattern: w("copie conforme"), use: "les différences réelles avec la production" },
  { pattern: w("(?:le|un|du|au|en)\\s+rollback"), use: "retour arrière" },
  { pattern: w("(?:le|un|du|au)\\s+rollout"), use: "déploiement progressif" },
  { pattern: w("(?:le|en|du|au)\\s+staging"), use: "la pré-production (pile `staging`)" },
  {
    pattern: w("(?<!\\(\\s*_?)(?:un|le|du|ce|même|son|chaque)\\s+digest"),
    use: "empreinte (digest)",
  },
  { pattern: w("(?:le|un|du|ce|son)\\s+token"), use: "jeton" },
  { pattern: w("(?:readiness|liveness|health)\\s*-?\\s*(?:probes?|checks?)"), use: "sonde" },
  { pattern: w("healthchecks?"), use: "sonde" },
  { pattern: w("(?<!\\(\\s*_?)readiness"), use: "sonde de disponibilité" },
  { pattern: w("(?<!\\(\\s*_?)liveness"), use: "sonde de vivacité" },
  {
    pattern: w("(?:le|les|un|des|du|son|ses)\\s+dashboards?"),
    use: "tableau de bord",
  },
  {
    pattern: w("(?:son|le|les|un|des|du|ses|au|aux|chaque)\\s+runbooks?"),
    use: "fiche d'intervention",
  },
  {
    pattern: w("adresser\\s+(?:un|le|les|ce|ces)\\s+(?:problèmes?|risques?|besoins?)"),
    use: "traiter",
  },
  { pattern: w("(?<!\\(\\s*_?)post-?mortems?"), use: "analyse après incident (post-mortem)" },
];
