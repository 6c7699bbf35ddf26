// The roles the program creates, under mocks for each stack: every one carries the boundary, and
// the documents the CI roles get, once rendered, decide requests as iam-boundary.ts intends
// (evaluated with AWS's rules, iam-evaluation.ts).
import { beforeAll, describe, expect, it } from "vitest";
import type { Statement } from "./iam-documents.js";
import { evaluate } from "./iam-evaluation.js";
import { ACCOUNT, REGION, runStack } from "./program-under-mocks.js";
import { STACKS } from "./stack-files.js";

type Run = Awaited<ReturnType<typeof runStack>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;
const statements = (document: string) => JSON.parse(document).Statement as Statement[];

describe.each(STACKS)("IAM of stack %s under mocks", (stack) => {
  let run: Run;
  const environment = stack === "prod" ? "production" : stack;
  const byType = (type: string) => run.resources.filter((r) => r.type === type);
  const one = (type: string, suffix: string): Props => {
    const found = byType(type).filter((r) => r.name === `shortlinks-${stack}-${suffix}`);
    expect(found, `${type} ${suffix}`).toHaveLength(1);
    return found[0]!.props;
  };
  const inline = (suffix: string) =>
    statements(one("aws:iam/rolePolicy:RolePolicy", suffix).policy as string);
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/shortlinks-${stack}-boundary`;
  const boundary = () => statements(one("aws:iam/policy:Policy", "boundary").policy as string);
  beforeAll(async () => {
    run = await runStack(stack);
  });

  it("puts the boundary on every role the program creates", () => {
    const unbounded = byType("aws:iam/role:Role")
      .filter((r) => r.props.permissionsBoundary !== boundaryArn)
      .map((r) => r.name);
    expect(unbounded).toEqual([]);

    const bounded = byType("aws:iam/role:Role").filter(
      (r) => r.props.permissionsBoundary === boundaryArn,
    );
    const names = bounded.map((r) => r.name.replace(`shortlinks-${stack}-`, ""));
    expect(names).toEqual(
      expect.arrayContaining([
        "github-deploy",
        "github-infra",
        "github-preview",
        "db-backup",
        "external-secrets",
        "node",
        "cluster",
      ]),
    );
    const cluster = byType("eks:index:Cluster")[0]?.props;
    expect(JSON.stringify(cluster?.serviceRole)).toContain("shortlinks-" + stack + "-cluster");
  });

  it("lets the infra role create no role without the boundary, and never change itself", () => {
    const infraArn = `arn:aws:iam::${ACCOUNT}:role/shortlinks-${stack}-github-infra`;
    const asInfra = (action: string, resource: string, context: Record<string, string> = {}) =>
      evaluate({ action, resource, context }, inline("github-infra"), boundary());
    const role = `arn:aws:iam::${ACCOUNT}:role/shortlinks-${stack}-anything`;
    expect(asInfra("iam:CreateRole", role, { "iam:PermissionsBoundary": boundaryArn })).toBe(
      "Allow",
    );
    expect(asInfra("iam:CreateRole", role)).not.toBe("Allow");
    expect(asInfra("iam:AttachRolePolicy", role)).not.toBe("Allow");
    expect(asInfra("iam:PutRolePolicy", infraArn, { "iam:PermissionsBoundary": boundaryArn })).toBe(
      "ExplicitDeny",
    );
    expect(asInfra("iam:CreatePolicyVersion", boundaryArn)).toBe("ExplicitDeny");
    expect(
      asInfra("iam:PassRole", role, { "iam:PassedToService": "lambda.amazonaws.com" }),
    ).not.toBe("Allow");
    expect(asInfra("ec2:RunInstances", "*", { "aws:RequestedRegion": "us-east-1" })).not.toBe(
      "Allow",
    );
    expect(asInfra("ec2:RunInstances", "*", { "aws:RequestedRegion": REGION })).toBe("Allow");
  });

  it("gives the preview role a read policy of its own, without data, and no managed policy", () => {
    expect(
      byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) =>
        r.name.includes("github-preview"),
      ),
    ).toEqual([]);
    const asPreview = (action: string) =>
      evaluate(
        { action, resource: "*", context: { "aws:RequestedRegion": REGION } },
        inline("github-preview"),
        boundary(),
      );
    expect(asPreview("ec2:DescribeVpcs")).toBe("Allow");
    for (const action of [
      "s3:GetObject",
      "secretsmanager:GetSecretValue",
      "logs:GetLogEvents",
      "ecr:BatchGetImage",
    ]) {
      expect(asPreview(action), action).toBe("ExplicitDeny");
    }
  });

  it("trusts the deploy role from its GitHub environment only, and lets it push to its ECR only", () => {
    const [trust] = statements(
      one("aws:iam/role:Role", "github-deploy").assumeRolePolicy as string,
    );
    expect(trust?.Condition?.StringLike).toEqual({
      "token.actions.githubusercontent.com:sub": [
        `repo:fil-rouge-devops/fil-rouge-devops:environment:${environment}`,
      ],
    });
    expect(inline("github-deploy").flatMap((s) => [s.Action].flat())).not.toContain(
      "eks:DescribeCluster",
    );
  });

  it("lets Kyverno's admission controller read image manifests in this environment's ECR, nothing else", () => {
    const role = one("aws:iam/role:Role", "image-verifier");
    const [trust] = statements(role.assumeRolePolicy as string);
    expect(Object.values(trust?.Condition?.StringLike ?? {})).toEqual([
      ["system:serviceaccount:kyverno:kyverno-admission-controller"],
    ]);
    const repository = byType("aws:ecr/repository:Repository")[0]?.props.arn as string;
    const asVerifier = (action: string, resource: string) =>
      evaluate(
        { action, resource, context: { "aws:RequestedRegion": REGION } },
        inline("image-verifier"),
        boundary(),
      );
    expect(asVerifier("ecr:BatchGetImage", repository)).toBe("Allow");
    expect(asVerifier("ecr:PutImage", repository)).not.toBe("Allow");
    expect(asVerifier("ecr:BatchGetImage", `${repository}-other`)).not.toBe("Allow");
    expect(run.outputs.imageVerifierRoleArn).toBe(role.arn);
  });
});
