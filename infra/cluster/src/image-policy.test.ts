import { readFileSync } from "node:fs";
import { projectSettings, readStackFile } from "@fil-rouge/infra-policies/stack-settings";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ENVIRONMENTS, parseClusterConfig } from "./config.js";
import { KYVERNO } from "./image-policy.js";
import { awsOutputs, DIGEST, runClusterStack } from "./program-under-mocks.js";
import { stackSettings } from "./stack-files.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;

/** The identity the deploy workflow verifies, as written in environment.yml. */
function workflowIdentity() {
  const workflow = parse(
    readFileSync(new URL("../../../.github/workflows/environment.yml", import.meta.url), "utf8"),
  ) as { jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }> };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.run?.includes("deploy-image.sh"));
  expect(step, "environment.yml runs deploy-image.sh").toBeDefined();
  return {
    subject: step?.env?.CERTIFICATE_IDENTITY ?? "",
    issuer: step?.env?.CERTIFICATE_OIDC_ISSUER ?? "",
    signatures: step?.env?.SIGNED_REPOSITORY ?? "",
  };
}

/** The repository the stack's AWS roles trust (infra/aws/Pulumi.<stack>.yaml). */
const trustedRepository = (stack: string) =>
  projectSettings(readStackFile(new URL("../../aws/", import.meta.url), stack), "shortlinks-aws")
    .githubRepository as string;

/** The cluster program for the stack, under its mocks, with an image deployed. */
async function render(stack: string) {
  const run = await runClusterStack(stack, { "shortlinks-cluster:imageDigest": DIGEST });
  const repository = parseClusterConfig(stackSettings(stack)).githubRepository;
  const policy = run.resources.find((r) => r.type === "kubernetes:kyverno.io/v1:ClusterPolicy");
  expect(policy, "a Kyverno ClusterPolicy").toBeDefined();
  return { run, repository, policy: policy?.props as Props };
}

describe.each(ENVIRONMENTS)("image admission policy, stack %s under mocks", (stack) => {
  it("refuses, in the application's namespace, images that image.yml on main did not sign", async () => {
    const { policy, run } = await render(stack);
    const [rule] = policy.spec.rules as Props[];
    expect(rule?.match.any[0].resources).toEqual({
      kinds: ["Pod"],
      namespaces: [`shortlinks-${stack}`],
    });
    const [verify] = rule?.verifyImages as Props[];
    expect(verify).toMatchObject({ failureAction: "Enforce", required: true, verifyDigest: true });
    // The image the Deployment runs is one the policy checks.
    const deployment = run.resources
      .map((r): { type: string; props: Props } => ({ type: r.type, props: r.props }))
      .find(
        (r) =>
          r.type === "kubernetes:apps/v1:Deployment" &&
          r.props.metadata?.namespace === `shortlinks-${stack}`,
      );
    const image = String(deployment?.props.spec.template.spec.containers[0].image);
    expect(
      (verify?.imageReferences as string[]).some((pattern) =>
        image.startsWith(pattern.replace(/\*$/, "")),
      ),
      image,
    ).toBe(true);
  });

  it("names the identity and issuer that the deploy workflow verifies, and its repository", async () => {
    const { policy, repository } = await render(stack);
    const keyless = policy.spec.rules[0].verifyImages[0].attestors[0].entries[0].keyless as Props;
    const workflow = workflowIdentity();
    // The workflow writes the repository as an expression GitHub fills in; this stack's is the one
    // its AWS roles trust.
    const filled = (text: string) =>
      text
        .replaceAll("${{ github.repository }}", repository)
        .replaceAll("${{ github.repository_owner }}", repository.split("/")[0] ?? "");
    expect(keyless.subject).toBe(filled(workflow.subject));
    expect(keyless.issuer).toBe(workflow.issuer);
    expect(policy.spec.rules[0].verifyImages[0].repository).toBe(filled(workflow.signatures));
    // The same repository the AWS roles trust for this stack.
    expect(repository).toBe(trustedRepository(stack));
  });

  it("installs Kyverno from a pinned chart before the policy that needs its CRDs", async () => {
    const { run } = await render(stack);
    const release = run.resources.find(
      (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === KYVERNO.name,
    );
    expect(release?.props).toMatchObject({
      chart: "kyverno",
      version: KYVERNO.version,
      atomic: true,
    });
    // Its admission controller reads ECR with infra/aws's image-verifier role (IRSA).
    const releaseProps: Props | undefined = release?.props;
    const values: Props | undefined = releaseProps?.values;
    expect(values?.admissionController.rbac.serviceAccount).toEqual({
      name: "kyverno-admission-controller",
      annotations: { "eks.amazonaws.com/role-arn": awsOutputs(stack).imageVerifierRoleArn },
    });
  });
});
