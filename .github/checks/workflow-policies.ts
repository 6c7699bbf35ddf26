import { steps, type Workflow } from "./workflows.js";

/** A rule every workflow follows; `check` returns what breaks it. */
export interface WorkflowPolicy {
  name: string;
  check(workflow: Workflow): string[];
}

// Contexts an outsider controls through a pull request, an issue or a commit message.
const UNTRUSTED =
  /\$\{\{[^}]*\b(github\.event\.(issue|pull_request|comment|review|review_comment|head_commit|commits|discussion|pages)\b|github\.head_ref)[^}]*\}\}/;

function events(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on ?? {});
}

export const WORKFLOW_POLICIES: WorkflowPolicy[] = [
  {
    name: "permissions-read-only-by-default",
    check: (w) => {
      const permissions = w.permissions as Record<string, string> | string | undefined;
      if (permissions === undefined)
        return ["no top-level permissions: the token would get the repository's default"];
      if (typeof permissions === "string")
        return permissions === "read-all" || permissions === "{}"
          ? []
          : [`top-level permissions "${permissions}"`];
      const writes = Object.entries(permissions).filter(([, level]) => level === "write");
      return [
        ...(permissions.contents === "read"
          ? []
          : ["top-level permissions must set contents: read"]),
        ...writes.map(
          ([scope]) => `top-level permission ${scope}: write (grant it in the job that needs it)`,
        ),
      ];
    },
  },
  {
    name: "actions-pinned-by-sha",
    check: (w) =>
      w.text
        .split("\n")
        .map((line, i) => ({ line, n: i + 1 }))
        .filter(({ line }) => /^\s*-?\s*uses:\s*/.test(line))
        .filter(({ line }) => !/uses:\s*(\.\/|docker:\/\/)/.test(line))
        .filter(({ line }) => !/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v?\d/.test(line))
        .map(
          ({ line, n }) =>
            `line ${n}: "${line.trim()}" is not pinned to a full commit SHA with its version in a comment`,
        ),
  },
  {
    name: "jobs-have-timeouts",
    check: (w) =>
      Object.entries(w.jobs)
        .filter(([, job]) => job.uses === undefined && job["timeout-minutes"] === undefined)
        .map(([name]) => `job ${name} has no timeout-minutes`),
  },
  {
    name: "concurrency-group",
    check: (w) =>
      w.concurrency === undefined ? ["no concurrency group: runs for the same ref pile up"] : [],
  },
  {
    name: "no-untrusted-input-in-run",
    check: (w) =>
      steps(w)
        .filter(({ step }) => step.run !== undefined && UNTRUSTED.test(step.run))
        .map(
          ({ job, step }) =>
            `job ${job}, step "${step.name ?? step.run?.slice(0, 30) ?? ""}": untrusted input interpolated in run (pass it through env)`,
        ),
  },
  {
    name: "no-pull-request-target-checkout",
    check: (w) =>
      events(w.on).includes("pull_request_target")
        ? steps(w)
            .filter(
              ({ step }) =>
                step.uses?.startsWith("actions/checkout") &&
                JSON.stringify(step.with ?? {}).includes("github.event.pull_request.head"),
            )
            .map(
              ({ job }) =>
                `job ${job} checks out the pull request's head under pull_request_target`,
            )
        : [],
  },
];
