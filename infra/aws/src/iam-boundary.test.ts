import { describe, expect, it } from "vitest";
import {
  boundaryArn,
  boundaryStatements,
  infraStatements,
  previewStatements,
  type IamScope,
} from "./iam-boundary.js";
import { evaluate, type IamRequest } from "./iam-evaluation.js";
import { parseStackConfig } from "./config.js";
import { readStackFile, stackSettings, STACKS } from "./stack-files.js";

const ACCOUNT = "123456789012";

describe("the IAM evaluation used below", () => {
  const allow = { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/*" } as const;
  it("needs an allow in the identity policy and the boundary, and lets a deny win", () => {
    const get: IamRequest = { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" };
    expect(evaluate(get, [allow])).toBe("Allow");
    expect(evaluate(get, [allow], [])).toBe("ImplicitDeny");
    expect(evaluate(get, [allow, { ...allow, Effect: "Deny" }])).toBe("ExplicitDeny");
    expect(evaluate({ ...get, resource: "arn:aws:s3:::other/k" }, [allow])).toBe("ImplicitDeny");
  });
  it("treats a missing key as false for StringEquals and true for StringNotEquals", () => {
    const request: IamRequest = { action: "ec2:RunInstances", resource: "*" };
    const only = (operator: string) =>
      evaluate(request, [
        {
          Effect: "Allow",
          Action: "ec2:*",
          Resource: "*",
          Condition: { [operator]: { "k:x": "v" } },
        },
      ]);
    expect(only("StringEquals")).toBe("ImplicitDeny");
    expect(only("StringNotEquals")).toBe("Allow");
  });
});

describe.each(STACKS)("IAM documents of stack %s", (stack) => {
  const config = parseStackConfig(stackSettings(stack));
  const scope: IamScope = {
    account: ACCOUNT,
    region: String(readStackFile(stack)["aws:region"]),
    environment: config.environment,
  };
  const other = scope.environment === "prod" ? "staging" : "prod";
  const role = (name: string) =>
    `arn:aws:iam::${ACCOUNT}:role/shortlinks-${scope.environment}-${name}`;
  const infraArn = role("github-infra");
  const boundary = boundaryStatements(scope);
  const asInfra = (request: IamRequest) =>
    evaluate(request, infraStatements(scope, infraArn), boundary);
  const withBoundary = { "iam:PermissionsBoundary": boundaryArn(scope) };

  it("lets the infra role create and change its environment's roles only with the boundary on", () => {
    for (const action of ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"]) {
      expect(asInfra({ action, resource: role("db-backup"), context: withBoundary }), action).toBe(
        "Allow",
      );
      expect(asInfra({ action, resource: role("db-backup") }), action).not.toBe("Allow");
      expect(
        asInfra({
          action,
          resource: role("db-backup"),
          context: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/open` },
        }),
        action,
      ).not.toBe("Allow");
      // Another environment's roles, even bounded, are out of reach.
      expect(
        asInfra({
          action,
          resource: `arn:aws:iam::${ACCOUNT}:role/shortlinks-${other}-db-backup`,
          context: withBoundary,
        }),
      ).not.toBe("Allow");
    }
  });

  it("refuses the infra role any change to itself or to the boundary, and taking the boundary off", () => {
    for (const action of [
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:UpdateAssumeRolePolicy",
    ]) {
      expect(asInfra({ action, resource: infraArn, context: withBoundary }), action).toBe(
        "ExplicitDeny",
      );
    }
    expect(asInfra({ action: "iam:DeleteRolePermissionsBoundary", resource: role("node-x") })).toBe(
      "ExplicitDeny",
    );
    for (const action of [
      "iam:CreatePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:DeletePolicy",
    ]) {
      expect(asInfra({ action, resource: boundaryArn(scope) }), action).toBe("ExplicitDeny");
    }
    // The boundary itself says so: a role created under it cannot undo it either.
    expect(
      evaluate(
        { action: "iam:CreatePolicyVersion", resource: boundaryArn(scope) },
        [{ Effect: "Allow", Action: "*", Resource: "*" }],
        boundary,
      ),
    ).toBe("ExplicitDeny");
  });

  it("passes roles to EKS and EC2 only", () => {
    const pass = (service: string) =>
      asInfra({
        action: "iam:PassRole",
        resource: role("node"),
        context: { "iam:PassedToService": service },
      });
    expect(pass("eks.amazonaws.com")).toBe("Allow");
    expect(pass("ec2.amazonaws.com")).toBe("Allow");
    expect(pass("lambda.amazonaws.com")).not.toBe("Allow");
    expect(asInfra({ action: "iam:PassRole", resource: role("node") })).not.toBe("Allow");
  });

  it("keeps the infra role in its region, off other environments' resources, away from users and keys", () => {
    const run = (region: string) =>
      asInfra({
        action: "ec2:RunInstances",
        resource: "*",
        context: { "aws:RequestedRegion": region },
      });
    expect(run(scope.region)).toBe("Allow");
    expect(run("us-east-1")).not.toBe("Allow");
    const terminate = (environment?: string) =>
      asInfra({
        action: "ec2:TerminateInstances",
        resource: "*",
        context: {
          "aws:RequestedRegion": scope.region,
          ...(environment ? { "aws:ResourceTag/environment": environment } : {}),
        },
      });
    expect(terminate(scope.environment)).toBe("Allow");
    expect(terminate(other)).toBe("ExplicitDeny");
    expect(terminate()).toBe("ExplicitDeny");
    for (const action of [
      "iam:CreateUser",
      "iam:CreateAccessKey",
      "iam:CreatePolicy",
      "organizations:LeaveOrganization",
    ]) {
      expect(
        asInfra({ action, resource: "*", context: { "aws:RequestedRegion": scope.region } }),
        action,
      ).not.toBe("Allow");
    }
  });

  it("lets the preview role read the configuration, never log events, objects, secret values or image layers", () => {
    const asPreview = (action: string, resource = "*") =>
      evaluate({ action, resource }, previewStatements(scope), boundary);
    for (const action of [
      "ec2:DescribeVpcs",
      "eks:DescribeCluster",
      "rds:DescribeDBInstances",
      "iam:GetRole",
      "s3:GetBucketPolicy",
      "secretsmanager:DescribeSecret",
      "kms:DescribeKey",
    ]) {
      const resource = action.startsWith("s3")
        ? `arn:aws:s3:::shortlinks-${scope.environment}-b`
        : action.startsWith("iam")
          ? role("x")
          : "*";
      expect(
        evaluate(
          { action, resource, context: { "aws:RequestedRegion": scope.region } },
          previewStatements(scope),
          boundary,
        ),
        action,
      ).toBe("Allow");
    }
    for (const action of [
      "logs:GetLogEvents",
      "logs:FilterLogEvents",
      "s3:GetObject",
      "secretsmanager:GetSecretValue",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchGetImage",
      "kms:Decrypt",
      "ec2:GetPasswordData",
    ]) {
      expect(asPreview(action), action).toBe("ExplicitDeny");
    }
    expect(
      asPreview(
        "ssm:GetParameter",
        `arn:aws:ssm:${scope.region}:${ACCOUNT}:parameter/shortlinks/db`,
      ),
    ).toBe("ExplicitDeny");
    expect(asPreview("ec2:CreateVpc")).not.toBe("Allow");
  });
});
