import { describe, expect, it } from "vitest";
import { CONCURRENCY_POLICIES, evaluate } from "./concurrency-policies.js";
import { fromRepository } from "./workflow-policies.js";
import { loadWorkflows, parseWorkflow } from "./workflows.js";

const [noCancel, rollback] = CONCURRENCY_POLICIES;

// A release workflow (called after a build) that is also run by hand to roll back, deploying to
// staging then production through a reusable workflow, as deploy.yml and environment.yml do.
const reusable = (group: string) =>
  parseWorkflow(
    "environment.yml",
    `on:
  workflow_call:
    inputs:
      environment: { type: string, required: true }
      rollback: { type: boolean, default: false }
concurrency:
  group: ${group}
  cancel-in-progress: false
jobs:
  update:
    runs-on: ubuntu-24.04
    environment: \${{ inputs.environment }}
    steps:
      - run: pulumi up --yes
`,
  );
const release = (group: string, cancel = "false") =>
  parseWorkflow(
    "deploy.yml",
    `on:
  workflow_call:
  workflow_dispatch:
concurrency:
  group: ${group}
  cancel-in-progress: ${cancel}
jobs:
  production:
    uses: ./environment.yml
    with:
      environment: production
      rollback: \${{ github.event_name == 'workflow_dispatch' }}
`,
  );
const resolver = (group: string) => (path: string) =>
  path === "environment.yml" ? reusable(group) : undefined;
const SEPARATE = "env-${{ inputs.rollback && 'rollback' || 'update' }}";

describe("concurrency policies", () => {
  it("evaluate expressions as GitHub would for the event", () => {
    const ctx = { event: "workflow_dispatch", inputs: { rollback: true, stack: "prod" } };
    expect(
      evaluate("env-${{ inputs.stack }}-${{ inputs.rollback && 'rollback' || 'update' }}", ctx),
    ).toBe("env-prod-rollback");
    expect(evaluate("${{ github.event_name == 'pull_request' }}", ctx)).toBe(false);
  });

  it("no-cancel-while-deploying refuses cancel-in-progress over a job that runs pulumi up", () => {
    expect(noCancel!.check(release("deploy-${{ github.event_name }}"), resolver(SEPARATE))).toEqual(
      [],
    );
    expect(noCancel!.check(release("deploy", "true"), resolver(SEPARATE))).toEqual([
      "on push, job production > job update runs pulumi up under cancel-in-progress: true (a later run would cancel it halfway)",
      "on workflow_dispatch, job production > job update runs pulumi up under cancel-in-progress: true (a later run would cancel it halfway)",
    ]);
    // Cancelling pull-request runs only is fine when the deploy never runs on pull requests.
    const image = parseWorkflow(
      "image.yml",
      `on: [pull_request, push]
concurrency:
  group: image
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}
jobs:
  deploy:
    if: github.event_name == 'push'
    uses: ./deploy.yml
`,
    );
    const chain = (path: string) =>
      path === "deploy.yml" ? release("deploy-${{ github.event_name }}") : reusable(SEPARATE);
    expect(noCancel!.check(image, (p) => chain(p.replace(/^\.\//, "")))).toEqual([]);
    const always = parseWorkflow(
      "image.yml",
      image.text.replace(/\$\{\{ github.event_name == 'pull_request' \}\}/, "true"),
    );
    expect(noCancel!.check(always, (p) => chain(p.replace(/^\.\//, "")))).toHaveLength(1);
  });

  it("rollback-not-behind-production-deploy refuses one group for a rollback and a release", () => {
    const separate = release("deploy-${{ github.event_name }}");
    expect(rollback!.check(separate, resolver(SEPARATE))).toEqual([]);
    // The workflow-level group this project had: `group: deploy` for both.
    expect(rollback!.check(release("deploy"), resolver(SEPARATE))).toEqual([
      'a rollback (workflow_dispatch) and a push deploy to production share the group "deploy": the rollback would wait behind a deploy awaiting approval',
    ]);
    // A reusable workflow's group that ignores the rollback flag.
    expect(rollback!.check(separate, resolver("env-prod"))).toEqual([
      'a rollback (workflow_dispatch) and a push deploy to production share the group "env-prod": the rollback would wait behind a deploy awaiting approval',
    ]);
  });

  describe.each(loadWorkflows().map((w) => [w.file, w] as const))("%s", (_file, workflow) => {
    it.each(CONCURRENCY_POLICIES.map((p) => [p.name, p] as const))(
      "follows %s",
      (_name, policy) => {
        expect(policy.check(workflow, fromRepository)).toEqual([]);
      },
    );
  });
});
