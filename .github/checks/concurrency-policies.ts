// Concurrency rules for the jobs that change an environment. GitHub's semantics
// (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs):
// `cancel-in-progress: true` cancels the running member of the group when a new one arrives, at
// whatever step it is (halfway through `pulumi up`, leaving the stack locked and resources half
// made); a workflow-level group holds every job of the run, including one waiting for an
// environment's reviewers, and later runs of the group wait behind it.
import { events } from "./pull-request-reach.js";
import type { WorkflowPolicy, WorkflowResolver } from "./workflow-policies.js";
import type { Job, Step, Workflow } from "./workflows.js";

interface Context {
  /** github.event_name as the jobs see it (a called workflow sees its caller's event). */
  event: string;
  inputs: Record<string, unknown>;
}
interface Concurrency {
  group?: string;
  "cancel-in-progress"?: boolean | string;
}

// Contexts the checks cannot know (vars, secrets, matrix, needs...) read as empty strings.
const unknownContext = new Proxy({}, { get: () => "" });

/** Evaluates a GitHub expression's body; undefined when it uses what the check cannot evaluate. */
function evaluateExpression(expression: string, ctx: Context): unknown {
  const github = { event_name: ctx.event, ref: "refs/heads/main", run_id: "RUN", run_attempt: "1" };
  try {
    // The expression language's operators used here (&&, ||, !, ==, !=, quoted strings, property
    // access) mean the same in JavaScript for these values.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a workflow file of this repository
    const evaluate = new Function(
      "github",
      "inputs",
      "vars",
      "matrix",
      `return (${expression});`,
    ) as (...contexts: unknown[]) => unknown;
    return evaluate(github, ctx.inputs, unknownContext, unknownContext);
  } catch {
    return undefined;
  }
}

/** A value with `${{ }}` in it, as GitHub would compute it for this context. */
export function evaluate(value: unknown, ctx: Context): unknown {
  if (typeof value !== "string") return value;
  const body = /^\$\{\{(.*)\}\}$/s.exec(value.trim())?.[1];
  if (body !== undefined && !body.includes("}}")) return evaluateExpression(body, ctx);
  return value.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => String(evaluateExpression(e, ctx)));
}

const ownCondition = (job: Job, ctx: Context) =>
  job.if === undefined ||
  evaluate(`\${{ ${job.if.replace(/^\$\{\{|\}\}$/g, "")} }}`, ctx) !== false;

/**
 * The jobs that run for this context: their `if` holds and every job they need ran (a skipped
 * need skips the job, unless its condition says always()).
 */
function runningJobs(workflow: Workflow, ctx: Context): Set<string> {
  const running = new Set<string>();
  const needs = (job: Job) => [job.needs ?? []].flat();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (running.has(name) || !ownCondition(job, ctx)) continue;
      if ((job.if ?? "").includes("always()") || needs(job).every((n) => running.has(n))) {
        running.add(name);
        changed = true;
      }
    }
  }
  return running;
}

const deploysItself = (step: Step) =>
  /\bpulumi (up|destroy)\b|deploy-image\.sh/.test(step.run ?? "") ||
  (step.uses?.startsWith("pulumi/actions@") === true &&
    ["up", "update", "destroy"].includes(String(step.with?.command)));

const environmentName = (job: Job, ctx: Context) =>
  evaluate(typeof job.environment === "string" ? job.environment : job.environment?.name, ctx);

/** A job on the way to a deploy, with the concurrency settings it runs under, outermost first. */
interface DeployPath {
  where: string;
  production: boolean;
  concurrency: Concurrency[];
}

function deployPaths(
  workflow: Workflow,
  ctx: Context,
  resolve: WorkflowResolver,
  outer: Concurrency[] = [],
  via = "",
): DeployPath[] {
  const own = [...outer, ...(workflow.concurrency ? [workflow.concurrency as Concurrency] : [])];
  const evaluated = (c: Concurrency): Concurrency => ({
    group: String(evaluate(c.group, ctx)),
    "cancel-in-progress": evaluate(c["cancel-in-progress"], ctx) as boolean,
  });
  const running = runningJobs(workflow, ctx);
  return Object.entries(workflow.jobs).flatMap(([name, job]) => {
    if (!running.has(name)) return [];
    const jobConcurrency = (job as { concurrency?: Concurrency }).concurrency;
    const path = [...own, ...(jobConcurrency ? [jobConcurrency] : [])].map(evaluated);
    const where = `${via}job ${name}`;
    if (job.uses?.startsWith("./")) {
      const called = resolve(job.uses.replace(/^\.\//, ""));
      if (!called) return [];
      const inputs = Object.fromEntries(
        Object.entries(job.with ?? {}).map(([key, value]) => [key, evaluate(value, ctx)]),
      );
      return deployPaths(called, { event: ctx.event, inputs }, resolve, path, `${where} > `);
    }
    if (!(job.steps ?? []).some(deploysItself)) return [];
    return [{ where, production: environmentName(job, ctx) === "production", concurrency: path }];
  });
}

/** The events a workflow runs on, as its jobs see github.event_name. */
const runEvents = (workflow: Workflow) =>
  events(workflow.on).map((e) => (e === "workflow_call" ? "push" : e));

export const CONCURRENCY_POLICIES: WorkflowPolicy[] = [
  {
    name: "no-cancel-while-deploying",
    check: (workflow, resolve = () => undefined) =>
      runEvents(workflow).flatMap((event) =>
        deployPaths(workflow, { event, inputs: {} }, resolve)
          .filter((p) => p.concurrency.some((c) => c["cancel-in-progress"] === true))
          .map(
            (p) =>
              `on ${event}, ${p.where} runs pulumi up under cancel-in-progress: true (a later run would cancel it halfway)`,
          ),
      ),
  },
  {
    name: "rollback-not-behind-production-deploy",
    check: (workflow, resolve = () => undefined) => {
      if (!runEvents(workflow).includes("workflow_dispatch")) return [];
      const groups = (event: string) =>
        new Set(
          deployPaths(workflow, { event, inputs: {} }, resolve)
            .filter((p) => p.production)
            .flatMap((p) => p.concurrency.map((c) => c.group ?? "")),
        );
      const rollback = groups("workflow_dispatch");
      return runEvents(workflow)
        .filter((event) => event !== "workflow_dispatch")
        .flatMap((event) =>
          [...groups(event)]
            .filter((group) => rollback.has(group))
            .map(
              (group) =>
                `a rollback (workflow_dispatch) and a ${event} deploy to production share the group "${group}": the rollback would wait behind a deploy awaiting approval`,
            ),
        );
    },
  },
];
