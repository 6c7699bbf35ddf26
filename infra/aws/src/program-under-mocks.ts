// Test support: runs this program for one stack under Pulumi's mocks. Every output the program
// reads from a resource or a provider function is given a plausible value here.
import type * as pulumi from "@pulumi/pulumi";
import {
  recordRegistrations,
  runUnderMocks,
  type Registration,
} from "@fil-rouge/infra-policies/mock-runtime";
import { PROJECT, readStackConfig } from "./config.js";
import { createInfrastructure } from "./program.js";
import { readStackFile } from "./stack-files.js";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-3";
const ISSUER = `oidc.eks.${REGION}.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;

function outputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  const name = (inputs.name as string | undefined) ?? args.name;
  const service = args.type.split(":")[1]?.split("/")[0] ?? "x";
  const arn =
    service === "iam"
      ? `arn:aws:iam::${ACCOUNT}:${args.type.split(":")[2]?.toLowerCase() ?? "x"}/${name}`
      : `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`;
  switch (args.type) {
    case "awsx:ec2:Vpc":
      return {
        vpcId: "vpc-0example",
        publicSubnetIds: ["subnet-public-a", "subnet-public-b", "subnet-public-c"],
        privateSubnetIds: ["subnet-private-a", "subnet-private-b", "subnet-private-c"],
        isolatedSubnetIds: ["subnet-isolated-a", "subnet-isolated-b", "subnet-isolated-c"],
      };
    case "eks:index:Cluster":
      return {
        eksCluster: { name },
        kubeconfigJson: JSON.stringify({ apiVersion: "v1", kind: "Config", clusters: [{ name }] }),
        clusterSecurityGroupId: "sg-0eks-cluster",
        oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`,
        oidcIssuer: ISSUER,
      };
    case "aws:s3/bucket:Bucket":
      return { id: inputs.bucket, arn: `arn:aws:s3:::${String(inputs.bucket)}` };
    case "aws:rds/instance:Instance":
      return {
        address: `${name}.abcdefghijkl.${REGION}.rds.amazonaws.com`,
        masterUserSecrets: [
          { secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-1` },
        ],
      };
    case "aws:ecr/repository:Repository":
      return { arn, repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}` };
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { arn, latestVersion: 1 };
    case "aws:kms/key:Key":
      return { arn, keyId: `${args.name}-key-id` };
    case "random:index/randomId:RandomId":
      return { hex: "0a1b2c3d" };
    case "random:index/randomPassword:RandomPassword":
      return { result: `generated-${args.name}` };
    default:
      return { arn, name };
  }
}

function call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: "test" };
    case "aws:index/getRegion:getRegion":
      return { region: REGION, name: REGION };
    // The account's GitHub OIDC provider, made by another stack (githubOidcProvider: lookup).
    case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider":
      return {
        arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        url: (args.inputs as { url?: string }).url,
      };
    case "aws:ec2/getAmi:getAmi":
      return { id: "ami-0debian12example", name: "debian-12-amd64-20261101-1" };
    default:
      throw new Error(`No mock for the provider function ${args.token}`);
  }
}

/** Runs the AWS program with the settings of Pulumi.<stack>.yaml, optionally changed. */
export async function runStack(stack: string, override: Record<string, unknown> = {}) {
  let registrations: Registration[] = [];
  const invokeProviders: { token: string; provider: string }[] = [];
  const run = await runUnderMocks(
    {
      project: PROJECT,
      stack,
      config: { ...readStackFile(stack), ...override },
      outputs,
      call: (args) => {
        invokeProviders.push({ token: args.token, provider: args.provider ?? "" });
        return call(args);
      },
    },
    () => {
      registrations = recordRegistrations();
      return createInfrastructure(readStackConfig());
    },
  );
  return { ...run, registrations, invokeProviders };
}
