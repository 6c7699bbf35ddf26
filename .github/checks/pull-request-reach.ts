// Which jobs a pull request can make run, read from the workflow as GitHub evaluates it: the
// events, each job's `if:` on github.event_name and github.ref, and its `needs:`. Anything this
// cannot read (an `||`, an expression it does not know) counts as reachable: it errs towards
// refusing a workflow, never towards letting a pull request reach a write permission.
import type { Job, Workflow } from "./workflows.js";

export const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"] as const;
type PullRequestEvent = (typeof PULL_REQUEST_EVENTS)[number];

export function events(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on ?? {});
}

/** Splits an expression on a top-level operator (outside parentheses and quotes). */
function splitTopLevel(expression: string, operator: "&&" | "||"): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")") depth--;
    else if (!quoted && depth === 0 && expression.startsWith(operator, i)) {
      parts.push(expression.slice(start, i).trim());
      start = i + operator.length;
      i++;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts;
}

const STATUS_FUNCTION = /\b(always|failure|cancelled)\s*\(/;

/**
 * The pull-request events under which a condition can hold. github.ref is refs/pull/N/merge on
 * pull_request but the base branch on pull_request_target, so a test of the ref excludes only the
 * first.
 */
export function eventsAllowedBy(
  condition: string | undefined,
  from: readonly PullRequestEvent[],
): PullRequestEvent[] {
  if (condition === undefined) return [...from];
  const expression = condition
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, "$1")
    .trim();
  if (splitTopLevel(expression, "||").length > 1) return [...from];
  let allowed = [...from];
  for (const term of splitTopLevel(expression, "&&")) {
    const event = /^github\.event_name\s*(==|!=)\s*'([\w-]+)'$/.exec(term);
    if (event) {
      const [, op, name] = event;
      allowed = allowed.filter((e) => (op === "==" ? e === name : e !== name));
    }
    if (/^github\.ref\s*==\s*'refs\/(heads|tags)\/[^']+'$/.test(term)) {
      allowed = allowed.filter((e) => e === "pull_request_target");
    }
  }
  return allowed;
}

const needsOf = (job: Job) =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];

/** Jobs of the workflow that a pull request can start, with the events that start them. */
export function jobsReachableFromPullRequests(
  workflow: Workflow,
  from: readonly PullRequestEvent[] = PULL_REQUEST_EVENTS.filter((e) =>
    events(workflow.on).includes(e),
  ),
): { name: string; job: Job }[] {
  const memo = new Map<string, PullRequestEvent[]>();
  const reach = (name: string, seen: string[] = []): PullRequestEvent[] => {
    const known = memo.get(name);
    if (known) return known;
    const job = workflow.jobs[name];
    if (job === undefined || seen.includes(name)) return [];
    let allowed = eventsAllowedBy(job.if, from);
    // A job runs only if the jobs it needs succeeded, unless a status function says otherwise.
    if (!STATUS_FUNCTION.test(job.if ?? "")) {
      for (const need of needsOf(job)) {
        const upstream = reach(need, [...seen, name]);
        allowed = allowed.filter((e) => upstream.includes(e));
      }
    }
    memo.set(name, allowed);
    return allowed;
  };
  return Object.entries(workflow.jobs)
    .filter(([name]) => reach(name).length > 0)
    .map(([name, job]) => ({ name, job }));
}
