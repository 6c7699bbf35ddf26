// The last promotion by the pipeline, read from GitHub with gh (CP8). deploy.yml is a reusable
// workflow that image.yml calls after each build on main: a release is a run of image.yml (pushed
// to main) whose deploy jobs take the digest to staging, then to production after approval. Runs of
// deploy.yml itself are only the rollbacks started by hand (docs/runbooks/rollback.md).
import type { Step } from "./collect-evidence.js";
import { cli } from "./run-cli.js";

export const PROMOTION_WORKFLOW = "image.yml";
/** Fields of `gh run list --json` and `gh run view --json` (https://cli.github.com/manual/gh_run_view). */
const LIST_FIELDS = "databaseId,conclusion,headSha,createdAt,url,displayTitle";
const VIEW_FIELDS =
  "databaseId,workflowName,displayTitle,event,headBranch,headSha,status,conclusion,createdAt,updatedAt,url,jobs";

const list = [
  "run",
  "list",
  "--workflow",
  PROMOTION_WORKFLOW,
  "--branch",
  "main",
  "--event",
  "push",
  "--limit",
  "1",
  "--json",
  LIST_FIELDS,
];

export function promotionRunStep(root: string): Step {
  return {
    file: "derniere-promotion.json",
    cp: "CP8",
    proves:
      "la dernière mise en production par le pipeline : l'exécution d'image.yml sur main, ses tâches pré-production puis production et leur conclusion",
    command: `gh ${list.join(" ")} && gh run view <databaseId> --json ${VIEW_FIELDS}`,
    needs: ["gh"],
    collect: async (env) => {
      const runs = JSON.parse(await cli(root, "gh", list)(env)) as { databaseId: number }[];
      const last = runs[0];
      if (!last)
        throw new Error(`aucune exécution de ${PROMOTION_WORKFLOW} sur main dans ce dépôt GitHub`);
      // The run as gh prints it: its jobs (deploy / staging, deploy / production) and conclusions.
      return cli(root, "gh", ["run", "view", String(last.databaseId), "--json", VIEW_FIELDS])(env);
    },
  };
}
