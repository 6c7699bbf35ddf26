import { describe, expect, it } from "vitest";
import { WORKFLOW_POLICIES } from "./workflow-policies.js";
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
      `      - uses: ${pin}\n`,
      `      - uses: ${pin}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n`,
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
