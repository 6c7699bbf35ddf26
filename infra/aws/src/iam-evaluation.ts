// Test support: how IAM decides one request against identity policies and a permissions boundary,
// for the parts of the policy language this program writes (Action, Resource, NotResource,
// StringEquals, StringNotEquals, StringLike). The rules are AWS's ("Policy evaluation logic",
// IAM User Guide): an explicit Deny in any policy wins; otherwise the request needs an Allow in the
// identity policies AND in the boundary. A condition key missing from the request makes a
// positive operator false and a negated one (StringNotEquals) true.
import type { Statement } from "./iam-documents.js";

export interface IamRequest {
  action: string;
  resource: string;
  /** Condition keys of the request (aws:RequestedRegion, iam:PermissionsBoundary, ...). */
  context?: Record<string, string>;
}

const list = (value: unknown): string[] =>
  value === undefined
    ? []
    : (Array.isArray(value) ? (value as unknown[]) : [value]).map((v) =>
        typeof v === "string" ? v : JSON.stringify(v),
      );

/** IAM's wildcards: * any run of characters, ? one; actions compare without case. */
function matches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

function conditionHolds(statement: Statement, context: Record<string, string>): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key];
      const values = list(expected);
      switch (operator) {
        case "StringEquals":
          return actual !== undefined && values.includes(actual);
        case "StringNotEquals":
          return actual === undefined || !values.includes(actual);
        case "StringLike":
          return actual !== undefined && values.some((v) => matches(v, actual));
        default:
          throw new Error(`condition operator ${operator} is not evaluated here`);
      }
    }),
  );
}

function applies(statement: Statement, request: IamRequest): boolean {
  const action = list(statement.Action).some((a) => matches(a, request.action, true));
  const resource =
    statement.NotResource !== undefined
      ? !list(statement.NotResource).some((r) => matches(r, request.resource))
      : list(statement.Resource).some((r) => matches(r, request.resource));
  return action && resource && conditionHolds(statement, request.context ?? {});
}

/** "Allow", "ExplicitDeny" or "ImplicitDeny", as the IAM policy simulator answers. */
export function evaluate(
  request: IamRequest,
  identity: Statement[],
  boundary?: Statement[],
): "Allow" | "ExplicitDeny" | "ImplicitDeny" {
  const all = [...identity, ...(boundary ?? [])];
  if (all.some((s) => s.Effect === "Deny" && applies(s, request))) return "ExplicitDeny";
  const allowedBy = (statements: Statement[]) =>
    statements.some((s) => s.Effect === "Allow" && applies(s, request));
  return allowedBy(identity) && (boundary === undefined || allowedBy(boundary))
    ? "Allow"
    : "ImplicitDeny";
}
