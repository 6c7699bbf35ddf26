// The IAM documents that keep the CI roles from escalating, as plain data so that the tests can
// evaluate them (iam-evaluation.ts) as well as read them:
// - a permissions boundary, the ceiling of every role this program creates; a role created by the
//   infra role must carry it (iam:PermissionsBoundary), and nobody under it may change or drop it;
// - the infra role's own policy: the services the program uses in its region, IAM only for this
//   environment's roles with the boundary, iam:PassRole only to EKS and EC2, no change to itself,
//   destructive actions only on resources tagged with its environment;
// - the preview role's policy: reading the configuration, never data (log events, objects,
//   secret values, image layers).
import type { Statement } from "./iam-documents.js";

export interface IamScope {
  account: string;
  region: string;
  environment: string;
}

/** Every role of the program is named shortlinks-<environment>-*; the boundary is a policy. */
export const boundaryName = (environment: string) => `shortlinks-${environment}-boundary`;
export const boundaryArn = ({ account, environment }: IamScope) =>
  `arn:aws:iam::${account}:policy/${boundaryName(environment)}`;
const environmentRoles = ({ account, environment }: IamScope) =>
  `arn:aws:iam::${account}:role/shortlinks-${environment}-*`;

/** The services the program's roles use (resources, add-ons, nodes, SSM sessions). */
const REGIONAL_SERVICES = [
  "ec2:*",
  "eks:*",
  "eks-auth:*",
  "rds:*",
  "kms:*",
  "logs:*",
  "ecr:*",
  "secretsmanager:*",
  "ssm:*",
  "ssmmessages:*",
  "ec2messages:*",
  "pi:*",
  "elasticloadbalancing:*",
  "autoscaling:*",
  "cloudwatch:*",
  "codebuild:*",
  // The CI runners' source: their GitHub connection (ci-runners.ts), used by CodeBuild's role.
  "codeconnections:*",
];
// Roles are passed to these services only: EKS (cluster and node roles), EC2 (instance profile),
// CodeBuild (the CI runners' project, ci-runners.ts).
const PASSED_TO = ["eks.amazonaws.com", "ec2.amazonaws.com", "codebuild.amazonaws.com"];
const SERVICE_LINKED = [
  "eks.amazonaws.com",
  "eks-nodegroup.amazonaws.com",
  "rds.amazonaws.com",
  "autoscaling.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
];

/** IAM as the boundary and the infra role allow it: this environment's roles, bounded. */
function boundedIam(scope: IamScope): Statement[] {
  const roles = environmentRoles(scope);
  return [
    {
      Sid: "BoundedRoles",
      Effect: "Allow",
      Action: [
        "iam:CreateRole",
        "iam:PutRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
      ],
      Resource: roles,
      Condition: { StringEquals: { "iam:PermissionsBoundary": boundaryArn(scope) } },
    },
    {
      Sid: "EnvironmentRoles",
      Effect: "Allow",
      Action: [
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:ListRoleTags",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:DeleteRole",
      ],
      Resource: roles,
    },
    {
      Sid: "PassRolesToEksAndEc2",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: roles,
      Condition: { StringEquals: { "iam:PassedToService": PASSED_TO } },
    },
    {
      Sid: "EnvironmentInstanceProfiles",
      Effect: "Allow",
      Action: [
        "iam:CreateInstanceProfile",
        "iam:DeleteInstanceProfile",
        "iam:GetInstanceProfile",
        "iam:AddRoleToInstanceProfile",
        "iam:RemoveRoleFromInstanceProfile",
        "iam:TagInstanceProfile",
        "iam:UntagInstanceProfile",
      ],
      Resource: `arn:aws:iam::${scope.account}:instance-profile/shortlinks-${scope.environment}-*`,
    },
    {
      Sid: "OidcProviders",
      Effect: "Allow",
      Action: [
        "iam:CreateOpenIDConnectProvider",
        "iam:DeleteOpenIDConnectProvider",
        "iam:GetOpenIDConnectProvider",
        "iam:TagOpenIDConnectProvider",
        "iam:UntagOpenIDConnectProvider",
        "iam:UpdateOpenIDConnectProviderThumbprint",
        "iam:AddClientIDToOpenIDConnectProvider",
      ],
      Resource: [
        `arn:aws:iam::${scope.account}:oidc-provider/oidc.eks.${scope.region}.amazonaws.com/*`,
        `arn:aws:iam::${scope.account}:oidc-provider/token.actions.githubusercontent.com`,
      ],
    },
    {
      Sid: "ReadPolicies",
      Effect: "Allow",
      Action: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"],
      Resource: "*",
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: "*",
      Condition: { StringEquals: { "iam:AWSServiceName": SERVICE_LINKED } },
    },
  ];
}

/** What nobody under the boundary may do: change it, or take it off a role. */
function boundaryGuards(scope: IamScope): Statement[] {
  return [
    {
      Sid: "BoundaryStaysOn",
      Effect: "Deny",
      Action: "iam:DeleteRolePermissionsBoundary",
      Resource: "*",
    },
    {
      Sid: "BoundaryUnchanged",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:TagPolicy",
        "iam:UntagPolicy",
      ],
      Resource: boundaryArn(scope),
    },
  ];
}

/** The boundary: the most any role of this environment may ever do. */
/**
 * What both the boundary and the infra role allow an environment's administration: its own
 * buckets, its identity, IAM within the boundary, and the guards that keep the boundary in place.
 */
function environmentAdministration(scope: IamScope): Statement[] {
  return [
    {
      Sid: "EnvironmentBuckets",
      Effect: "Allow",
      Action: "s3:*",
      Resource: [
        `arn:aws:s3:::shortlinks-${scope.environment}-*`,
        `arn:aws:s3:::shortlinks-${scope.environment}-*/*`,
      ],
    },
    { Sid: "WhoAmI", Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" },
    ...boundedIam(scope),
    ...boundaryGuards(scope),
  ];
}

export function boundaryStatements(scope: IamScope): Statement[] {
  return [
    {
      Sid: "ProgramServicesInRegion",
      Effect: "Allow",
      Action: REGIONAL_SERVICES,
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": scope.region } },
    },
    ...environmentAdministration(scope),
  ];
}

// Destructive or widening actions that carry the resource's tags (aws:ResourceTag): the infra
// role of one environment cannot run them on another environment's resources in the account.
const TAG_SCOPED_ACTIONS = [
  "ec2:TerminateInstances",
  "ec2:DeleteVpc",
  "ec2:DeleteSubnet",
  "ec2:DeleteNatGateway",
  "ec2:DeleteSecurityGroup",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:ModifyInstanceAttribute",
  "rds:DeleteDBInstance",
  "rds:ModifyDBInstance",
  "kms:ScheduleKeyDeletion",
  "kms:DisableKey",
  "kms:PutKeyPolicy",
  "secretsmanager:DeleteSecret",
  "secretsmanager:PutResourcePolicy",
  "eks:DeleteCluster",
  "eks:DeleteNodegroup",
  "eks:UpdateClusterConfig",
  "eks:CreateAccessEntry",
  "eks:AssociateAccessPolicy",
  "logs:DeleteLogGroup",
];

/** The infra role (`pulumi up` from its GitHub environment), itself under the boundary. */
export function infraStatements(scope: IamScope, infraRoleArn: string): Statement[] {
  return [
    {
      Sid: "ProgramServicesInRegion",
      Effect: "Allow",
      Action: REGIONAL_SERVICES.filter(
        (a) => !a.startsWith("ssmmessages") && !a.startsWith("ec2messages"),
      ),
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": scope.region } },
    },
    {
      Sid: "OtherEnvironmentsUntouched",
      Effect: "Deny",
      Action: TAG_SCOPED_ACTIONS,
      Resource: "*",
      Condition: { StringNotEquals: { "aws:ResourceTag/environment": scope.environment } },
    },
    ...environmentAdministration(scope),
    {
      // Its own permissions are an administrator's change (infra/aws/README.md, bootstrap).
      Sid: "NotItself",
      Effect: "Deny",
      Action: [
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary",
        "iam:UpdateAssumeRolePolicy",
        "iam:UpdateRole",
        "iam:DeleteRole",
        "iam:TagRole",
        "iam:UntagRole",
      ],
      Resource: infraRoleArn,
    },
  ];
}

/** The preview role (`pulumi preview` on pull requests): configuration, never data. */
export function previewStatements(scope: IamScope): Statement[] {
  const services = [
    "ec2",
    "eks",
    "rds",
    "kms",
    "logs",
    "ecr",
    "secretsmanager",
    "ssm",
    "pi",
    "elasticloadbalancing",
    "autoscaling",
    "s3",
    "iam",
    "cloudwatch",
  ];
  return [
    {
      Sid: "ReadConfiguration",
      Effect: "Allow",
      Action: [
        ...services.flatMap((s) => [`${s}:Describe*`, `${s}:List*`, `${s}:Get*`]),
        "sts:GetCallerIdentity",
      ],
      Resource: "*",
    },
    {
      Sid: "NeverData",
      Effect: "Deny",
      Action: [
        "logs:GetLogEvents",
        "logs:FilterLogEvents",
        "logs:GetLogRecord",
        "logs:GetQueryResults",
        "logs:StartQuery",
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:GetObjectAttributes",
        "secretsmanager:GetSecretValue",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
        "ec2:GetPasswordData",
        "ec2:GetConsoleOutput",
        "ec2:GetConsoleScreenshot",
        "kms:Decrypt",
      ],
      Resource: "*",
    },
    {
      // SecureString parameters are secrets; AWS's public parameters (AMI ids) are not.
      Sid: "NoParameterValues",
      Effect: "Deny",
      Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
      NotResource: `arn:aws:ssm:${scope.region}::parameter/aws/service/*`,
    },
  ];
}
