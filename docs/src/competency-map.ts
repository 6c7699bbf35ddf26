// The competency map (docs/competences.yaml), read and validated once.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const MAP_FILE = fileURLToPath(new URL("../competences.yaml", import.meta.url));

const evidence = z.strictObject({
  chemin: z.string().min(1),
  prouve: z.string().min(10, "say what this evidence proves, in a sentence"),
  commande: z.string().min(1).optional(),
});

/** Where the RNCP jury assesses a competency (../shared/referentiel: "Modalités de présentation"). */
export const EPREUVES = [
  "présentation du projet",
  "entretien technique",
  "questionnaire professionnel",
] as const;

const competency = z.strictObject({
  id: z.string().regex(/^CP\d+$/),
  intitule: z.string().min(1),
  // The referential's performance criteria, word for word; the project's reading of them is kept
  // apart, so a candidate never takes one for the other.
  criteres: z
    .string()
    .min(1)
    .refine((text) => !/[()]/.test(text), "official wording only: put readings in `lecture`"),
  lecture: z.string().min(1).optional(),
  epreuves: z.array(z.enum(EPREUVES)).min(1),
  resume: z.string().min(1),
  preuves: z.array(evidence),
});

export const competencyMapSchema = z.strictObject({
  activites: z.array(
    z.strictObject({
      id: z.string().regex(/^AT\d$/),
      intitule: z.string().min(1),
      competences: z.array(z.string()),
    }),
  ),
  competences: z.array(competency),
  datascientest: z.array(
    z.strictObject({ critere: z.string().min(1), preuves: z.array(evidence) }),
  ),
});

export type CompetencyMap = z.infer<typeof competencyMapSchema>;
export type Evidence = z.infer<typeof evidence>;
export type Competency = z.infer<typeof competency>;

export function parseCompetencyMap(text: string): CompetencyMap {
  const result = competencyMapSchema.safeParse(parse(text));
  if (!result.success) {
    throw new Error(
      `docs/competences.yaml is invalid:\n  ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ")}`,
    );
  }
  return result.data;
}

export const loadCompetencyMap = () => parseCompetencyMap(readFileSync(MAP_FILE, "utf8"));
