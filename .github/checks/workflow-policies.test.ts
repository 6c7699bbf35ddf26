import { describe, expect, it } from "vitest";
import { fromRepository, WORKFLOW_POLICIES } from "./workflow-policies.js";
import { loadWorkflows, parseWorkflow } from "./workflows.js";

const workflows = loadWorkflows();
const pin = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";
const good = `on: [push]
permissions:
  contents: read
concurrency: { group: x, cancel-in-progress: true }
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 10
    steps:
      - uses: ${pin}
        with:
          persist-credentials: false
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.pull_request.title }}
`;

// One broken workflow per policy: the policy must see it, and only the fixture's flaw.
const BROKEN: Record<string, string> = {
  "permissions-read-only-by-default": good.replace(
    "permissions:\n  contents: read",
    "permissions:\n  contents: write",
  ),
  "actions-pinned-by-sha": good.replace(pin, "actions/checkout@v4"),
  "jobs-have-timeouts": good.replace("    timeout-minutes: 10\n", ""),
  "concurrency-group": good.replace("concurrency: { group: x, cancel-in-progress: true }\n", ""),
  "no-untrusted-input-in-run": good.replace(
    'run: echo "$TITLE"',
    'run: echo "${{ github.event.pull_request.title }}"',
  ),
  "no-pull-request-target-checkout": good
    .replace("on: [push]", "on: [pull_request_target]")
    .replace(
      "          persist-credentials: false\n",
      "          persist-credentials: false\n          ref: ${{ github.event.pull_request.head.sha }}\n",
    ),
  "no-write-on-pull-requests": good
    .replace("on: [push]", "on: [pull_request]")
    .replace(
      "    timeout-minutes: 10\n",
      "    timeout-minutes: 10\n    permissions:\n      packages: write\n",
    ),
  "no-secrets-inherit": good.replace(
    "jobs:\n",
    "jobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n",
  ),
  "checkout-without-credentials": good.replace(
    "        with:\n          persist-credentials: false\n",
    "",
  ),
  "secrets-scoped-to-steps": good.replace(
    "    timeout-minutes: 10\n",
    "    timeout-minutes: 10\n    env:\n      TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n",
  ),
  "pulumi-credentials-per-environment": good.replace(
    "        env:\n",
    "        env:\n          PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}\n",
  ),
  "images-verified-before-deploy": good.replace(
    'run: echo "$TITLE"',
    'run: infra/cluster/scripts/deploy-image.sh acme/prod "$DIGEST"',
  ),
};

describe("workflow policies", () => {
  it("cover every policy with a broken fixture", () => {
    expect(Object.keys(BROKEN).sort()).toEqual(WORKFLOW_POLICIES.map((p) => p.name).sort());
  });

  it.each(WORKFLOW_POLICIES.map((p) => [p.name, p] as const))(
    "%s accepts the good fixture and refuses its broken one",
    (name, policy) => {
      expect(policy.check(parseWorkflow("good.yml", good))).toEqual([]);
      expect(policy.check(parseWorkflow("broken.yml", BROKEN[name] ?? ""))).not.toEqual([]);
    },
  );

  describe.each(workflows.map((w) => [w.file, w] as const))("%s", (_file, workflow) => {
    it.each(WORKFLOW_POLICIES.map((p) => [p.name, p] as const))("follows %s", (_name, policy) => {
      expect(policy.check(workflow)).toEqual([]);
    });
  });
});

describe("what a pull request reaches", () => {
  const policy = (name: string) => WORKFLOW_POLICIES.find((p) => p.name === name)!;
  const reach = (text: string, called: Record<string, string> = {}) =>
    policy("no-write-on-pull-requests").check(parseWorkflow("fixture.yml", text), (path) =>
      called[path] === undefined ? undefined : parseWorkflow(path, called[path]),
    );
  const workflow = (on: string, jobs: string) =>
    `on: ${on}\npermissions:\n  contents: read\njobs:\n${jobs}`;
  const publish = (condition: string) =>
    `  publish:\n    if: ${condition}\n    runs-on: x\n    permissions:\n      packages: write\n    steps: [{ run: echo }]\n`;

  it("lets a write permission stand behind a condition that excludes pull requests", () => {
    expect(reach(workflow("[pull_request, push]", publish("github.event_name == 'push'")))).toEqual(
      [],
    );
    expect(
      reach(workflow("[pull_request]", publish("github.ref == 'refs/heads/main' && true"))),
    ).toEqual([]);
  });

  it("counts as reachable what it cannot rule out: ||, !=, pull_request_target's base ref", () => {
    for (const [on, condition] of [
      ["[pull_request]", "github.event_name == 'push' || github.actor == 'me'"],
      ["[pull_request]", "github.event_name != 'push'"],
      ["[pull_request_target]", "github.ref == 'refs/heads/main'"],
      ["[pull_request_target]", "github.event_name != 'pull_request'"],
    ] as const) {
      expect(reach(workflow(on, publish(condition))), condition).toEqual([
        "job publish (reachable from a pull request) holds packages: write",
      ]);
    }
  });

  it("follows needs, unless a status function runs the job anyway", () => {
    const gate = `  gate:\n    if: github.event_name == 'push'\n    runs-on: x\n    steps: [{ run: echo }]\n`;
    const after = (condition: string) =>
      gate +
      `  publish:\n    needs: gate\n${condition}    runs-on: x\n    permissions:\n      packages: write\n    steps: [{ run: echo }]\n`;
    expect(reach(workflow("[pull_request]", after("")))).toEqual([]);
    expect(reach(workflow("[pull_request]", after("    if: always()\n")))).not.toEqual([]);
  });

  it("follows a local reusable workflow with the caller's events, and sees environments and secrets", () => {
    const caller = workflow(
      "[pull_request]",
      "  deploy:\n    uses: ./.github/workflows/called.yml\n",
    );
    const called = (job: string) =>
      workflow(
        "{ workflow_call: {} }",
        `  up:\n    runs-on: x\n${job}    steps:\n      - run: echo\n        env:\n          T: \${{ secrets.PULUMI_TOKEN }}\n`,
      );
    expect(
      reach(caller, { ".github/workflows/called.yml": called("    environment: production\n") }),
    ).toEqual([
      "./.github/workflows/called.yml: job up (reachable from a pull request) runs in environment production",
      "./.github/workflows/called.yml: job up (reachable from a pull request) reads secret PULUMI_TOKEN",
    ]);
    expect(
      reach(caller, {
        ".github/workflows/called.yml": called("    if: github.event_name == 'push'\n"),
      }),
    ).toEqual([]);
    expect(reach(caller)).toEqual([
      "job deploy (reachable from a pull request) calls ./.github/workflows/called.yml, which cannot be read",
    ]);
  });
});

describe("credentials and verification rules on details", () => {
  const check = (name: string, text: string) =>
    WORKFLOW_POLICIES.find((p) => p.name === name)!.check(
      parseWorkflow("fixture.yml", text),
      fromRepository,
    );
  const job = (environment: string, steps: string) =>
    `on: push\njobs:\n  up:\n    runs-on: x\n${environment}    steps:\n${steps}`;
  const auth = (scope: string) =>
    `      - uses: pulumi/auth-actions@x\n        with:\n          requested-token-type: urn:pulumi:token-type:access_token:team\n          scope: ${scope}\n`;
  const up = "      - uses: pulumi/actions@x\n        with:\n          command: up\n";

  it("asks Pulumi Cloud for the team of the job's environment, or the preview team outside one", () => {
    const production = "    environment: production\n";
    expect(
      check(
        "pulumi-credentials-per-environment",
        job(production, auth("team:shortlinks-production") + up),
      ),
    ).toEqual([]);
    expect(
      check("pulumi-credentials-per-environment", job("", auth("team:shortlinks-preview") + up)),
    ).toEqual([]);
    expect(
      check("pulumi-credentials-per-environment", job("", auth("team:shortlinks-production") + up)),
    ).toEqual([
      "job up: Pulumi team team:shortlinks-production, expected team:shortlinks-preview for a job outside any environment",
    ]);
    expect(
      check(
        "pulumi-credentials-per-environment",
        job(production, up + auth("team:shortlinks-production")),
      ),
    ).toEqual(["job up runs Pulumi without a token from pulumi/auth-actions first"]);
  });

  it("keeps credentials away from npm install scripts", () => {
    expect(
      check("secrets-scoped-to-steps", job("", auth("team:x") + "      - run: npm ci\n")),
    ).toEqual([
      "job up: pulumi/auth-actions before npm install: its credentials reach install scripts",
    ]);
    expect(
      check(
        "secrets-scoped-to-steps",
        job(
          "",
          "      - run: npm ci\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n",
        ),
      ),
    ).toEqual(["job up: a secret reaches npm install scripts"]);
  });

  it("verifies against the repository's signing workflow on main, with GitHub's issuer", () => {
    const deploy = (identity: string, issuer = "https://token.actions.githubusercontent.com") =>
      job(
        "",
        `      - uses: sigstore/cosign-installer@x\n      - run: infra/cluster/scripts/deploy-image.sh a/b\n        env:\n          CERTIFICATE_IDENTITY: ${identity}\n          CERTIFICATE_OIDC_ISSUER: ${issuer}\n`,
      );
    const identity = (file: string, ref = "refs/heads/main") =>
      `https://github.com/\${{ github.repository }}/.github/workflows/${file}@${ref}`;
    expect(check("images-verified-before-deploy", deploy(identity("image.yml")))).toEqual([]);
    for (const text of [
      deploy(identity("ci.yml")), // a workflow that signs nothing
      deploy(identity("image.yml", "refs/heads/feature")),
      deploy("https://github.com/someone/else/.github/workflows/image.yml@refs/heads/main"),
    ]) {
      expect(check("images-verified-before-deploy", text)).toEqual([
        expect.stringContaining("CERTIFICATE_IDENTITY must name"),
      ]);
    }
    expect(
      check(
        "images-verified-before-deploy",
        deploy(identity("image.yml"), "https://accounts.google.com"),
      ),
    ).toEqual([expect.stringContaining("CERTIFICATE_OIDC_ISSUER")]);
  });
});
