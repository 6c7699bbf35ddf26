import * as pulumi from "@pulumi/pulumi";

/** One IAM statement; fields may still be outputs (ARNs of resources being created). */
export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: unknown;
  Action: string | string[];
  Resource?: pulumi.Input<string> | pulumi.Input<string>[];
  NotResource?: pulumi.Input<string> | pulumi.Input<string>[];
  Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

/** An IAM policy document as the JSON string AWS takes. */
export function policyDocument(statements: Statement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** Trust for a role that an AWS service (EC2 for instances and nodes) assumes. */
export const serviceTrust = (service: string): pulumi.Output<string> =>
  policyDocument([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }]);

/** Trust for a role that a federated identity (EKS service account, GitHub workflow) assumes. */
export function webIdentityTrust(
  providerArn: pulumi.Input<string>,
  issuer: pulumi.Input<string>,
  subjects: string[],
  audience = "sts.amazonaws.com",
): pulumi.Output<string> {
  return pulumi.output(issuer).apply((host) => {
    const hostname = host.replace(/^https:\/\//, "");
    return policyDocument([
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { [`${hostname}:aud`]: audience },
          // StringLike so that a subject may end with a wildcard; each is written in full here.
          StringLike: { [`${hostname}:sub`]: subjects },
        },
      },
    ]);
  });
}
