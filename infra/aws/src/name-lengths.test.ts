// `npm run rename` accepts application names up to MAX_APP_NAME_LENGTH characters. This test holds
// that bound against the AWS names the program derives from the name: each one must still fit its
// service's limit once "shortlinks" is replaced by the longest accepted name.
import { APP_NAME, MAX_APP_NAME_LENGTH } from "@fil-rouge/toolchain/app-name";
import { describe, expect, it } from "vitest";
import { runStack } from "./program-under-mocks.js";
import { STACKS } from "./stack-files.js";

/**
 * The field AWS uses as the resource's name and its maximum length, from each service's API
 * reference (CreateRole, CreateBucket, CreateDBInstance...). `autonamed`: when the program gives no
 * name, Pulumi derives one from the logical name plus "-" and 7 random characters.
 */
const LIMITS: Record<string, { field: string; limit: number; autonamed?: boolean }> = {
  "aws:iam/role:Role": { field: "name", limit: 64, autonamed: true },
  "aws:iam/policy:Policy": { field: "name", limit: 128, autonamed: true },
  "aws:iam/instanceProfile:InstanceProfile": { field: "name", limit: 128, autonamed: true },
  "aws:iam/rolePolicy:RolePolicy": { field: "name", limit: 128, autonamed: true },
  "aws:s3/bucket:Bucket": { field: "bucket", limit: 63, autonamed: true },
  "aws:rds/instance:Instance": { field: "identifier", limit: 63, autonamed: true },
  "aws:rds/parameterGroup:ParameterGroup": { field: "name", limit: 255, autonamed: true },
  "aws:rds/subnetGroup:SubnetGroup": { field: "name", limit: 255, autonamed: true },
  "aws:ecr/repository:Repository": { field: "name", limit: 256, autonamed: true },
  "aws:eks/nodeGroup:NodeGroup": { field: "name", limit: 63, autonamed: true },
  "eks:index:Cluster": { field: "name", limit: 100, autonamed: true },
  "aws:codebuild/project:Project": { field: "name", limit: 150, autonamed: true },
  "aws:ec2/securityGroup:SecurityGroup": { field: "name", limit: 255, autonamed: true },
  "aws:ec2/launchTemplate:LaunchTemplate": { field: "name", limit: 128, autonamed: true },
  "aws:cloudwatch/logGroup:LogGroup": { field: "name", limit: 512, autonamed: true },
  "aws:kms/alias:Alias": { field: "name", limit: 256 },
  "aws:secretsmanager/secret:Secret": { field: "name", limit: 512, autonamed: true },
  "aws:ssm/association:Association": { field: "associationName", limit: 128 },
};

/** Types whose logical name carries the application's name but that have no AWS name of their own. */
const NOT_NAMED = new Set([
  "pulumi:providers:aws",
  "awsx:ec2:Vpc",
  "aws:kms/key:Key",
  "aws:ec2/instance:Instance",
  "aws:eks/addon:Addon",
  "aws:codebuild/webhook:Webhook",
  "aws:ecr/lifecyclePolicy:LifecyclePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:secretsmanager/secretVersion:SecretVersion",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "random:index/randomPassword:RandomPassword",
  "random:index/randomId:RandomId",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
]);

const occurrences = (text: string) => text.split(APP_NAME).length - 1;

describe.each(STACKS)(
  "stack %s: AWS names leave room for the longest application name",
  (stack) => {
    it(`fits every derived name with a ${String(MAX_APP_NAME_LENGTH)}-character name`, async () => {
      const { resources } = await runStack(stack);
      const unknown = resources
        .filter((r) => r.name.includes(APP_NAME) && !LIMITS[r.type] && !NOT_NAMED.has(r.type))
        .map((r) => r.type);
      // A new resource type gets its AWS limit here (or a place in NOT_NAMED), or this fails.
      expect([...new Set(unknown)]).toEqual([]);

      const tooTight = resources.flatMap((r) => {
        const rule = LIMITS[r.type];
        if (!rule) return [];
        const given = r.props[rule.field];
        if (typeof given !== "string") return [];
        // The mocks echo the logical name as the name when the program gives none, and Pulumi then
        // adds "-" and 7 characters: a name equal to the logical name is counted with that suffix.
        const physical = given === r.name && rule.autonamed ? `${given}-abcdefg` : given;
        const count = occurrences(physical);
        if (count === 0) return [];
        const longest = APP_NAME.length + Math.floor((rule.limit - physical.length) / count);
        return longest < MAX_APP_NAME_LENGTH
          ? [
              `${r.type} ${physical}: room for ${String(longest)} characters (limit ${String(rule.limit)})`,
            ]
          : [];
      });
      expect(tooTight).toEqual([]);
    }, 60_000);
  },
);
