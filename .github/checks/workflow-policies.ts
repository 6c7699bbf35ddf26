import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  events,
  jobsReachableFromPullRequests,
  PULL_REQUEST_EVENTS,
} from "./pull-request-reach.js";
import { parseWorkflow, REPO_ROOT, steps, type Job, type Workflow } from "./workflows.js";

/** Finds a local reusable workflow (`uses: ./.github/workflows/x.yml`) by that path. */
export type WorkflowResolver = (path: string) => Workflow | undefined;

export const fromRepository: WorkflowResolver = (path) => {
  const file = join(REPO_ROOT, path);
  return existsSync(file) ? parseWorkflow(path, readFileSync(file, "utf8")) : undefined;
};

/** A rule every workflow follows; `check` returns what breaks it. */
export interface WorkflowPolicy {
  name: string;
  check(workflow: Workflow, resolve?: WorkflowResolver): string[];
}

// The OIDC identity GitHub gives the jobs: cosign's certificate names the signing workflow and
// ref with it (Fulcio's GitHub Actions claims), and deploy-image.sh verifies against it.
const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";
const SIGNER_IDENTITY =
  /^https:\/\/github\.com\/\$\{\{ github\.repository \}\}\/(\.github\/workflows\/[\w.-]+\.ya?ml)@refs\/heads\/main$/;

const json = (value: unknown) => JSON.stringify(value ?? {});
/** `secrets.X` references other than the job's own read-only GITHUB_TOKEN. */
const secretNames = (value: unknown) =>
  [...json(value).matchAll(/\bsecrets\.([A-Za-z_][\w-]*)/g)]
    .map((m) => m[1] ?? "")
    .filter((name) => name !== "GITHUB_TOKEN");
const writes = (permissions: unknown): string[] => {
  if (typeof permissions === "string") return permissions === "write-all" ? ["write-all"] : [];
  return Object.entries((permissions ?? {}) as Record<string, string>)
    .filter(([scope, level]) => level === "write" && scope !== "id-token")
    .map(([scope]) => `${scope}: write`);
};
const environmentOf = (job: Job) =>
  typeof job.environment === "string" ? job.environment : job.environment?.name;
const installs = (run: string | undefined) => /\bnpm (ci|install|i)\b/.test(run ?? "");
// Steps after which the job holds a credential in its environment.
const CREDENTIAL_ACTIONS = ["pulumi/auth-actions", "aws-actions/configure-aws-credentials"];

/**
 * What a pull request could reach through one job: a write permission (id-token excepted: what
 * its token opens is decided by the trust policies, which name the pull_request subject only for
 * read-only roles), an environment (its secrets and roles), a secret. Local reusable workflows
 * are followed with the caller's events.
 */
function pullRequestReach(
  workflow: Workflow,
  resolve: WorkflowResolver,
  from = PULL_REQUEST_EVENTS.filter((e) => events(workflow.on).includes(e)),
  via = "",
): string[] {
  return jobsReachableFromPullRequests(workflow, from).flatMap(({ name, job }) => {
    const where = `${via}job ${name} (reachable from a pull request)`;
    const own = [
      ...writes(job.permissions ?? workflow.permissions).map((w) => `${where} holds ${w}`),
      ...(environmentOf(job) ? [`${where} runs in environment ${environmentOf(job)}`] : []),
      ...(job.secrets === "inherit" ? [`${where} inherits every secret`] : []),
      ...secretNames({ ...job, uses: undefined }).map((s) => `${where} reads secret ${s}`),
    ];
    if (job.uses?.startsWith("./")) {
      const called = resolve(job.uses.replace(/^\.\//, ""));
      if (!called) return [...own, `${where} calls ${job.uses}, which cannot be read`];
      return [...own, ...pullRequestReach(called, resolve, from, `${job.uses}: `)];
    }
    return own;
  });
}

// Contexts an outsider controls through a pull request, an issue or a commit message.
const UNTRUSTED =
  /\$\{\{[^}]*\b(github\.event\.(issue|pull_request|comment|review|review_comment|head_commit|commits|discussion|pages)\b|github\.head_ref)[^}]*\}\}/;

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
  {
    name: "no-write-on-pull-requests",
    check: (w, resolve = fromRepository) => pullRequestReach(w, resolve),
  },
  {
    name: "no-secrets-inherit",
    check: (w) =>
      Object.entries(w.jobs)
        .filter(([, job]) => job.secrets === "inherit")
        .map(([name]) => `job ${name}: secrets: inherit hands every secret down; name each one`),
  },
  {
    name: "checkout-without-credentials",
    check: (w) =>
      steps(w)
        .filter(({ step }) => step.uses?.startsWith("actions/checkout"))
        .filter(({ step }) => step.with?.["persist-credentials"] !== false)
        .map(
          ({ job }) =>
            `job ${job}: actions/checkout without persist-credentials: false leaves the token in .git/config`,
        ),
  },
  {
    name: "secrets-scoped-to-steps",
    check: (w) => [
      ...secretNames((w as { env?: unknown }).env).map((s) => `workflow env reads secret ${s}`),
      ...Object.entries(w.jobs).flatMap(([name, job]) => {
        const list = job.steps ?? [];
        const lastInstall = list.findLastIndex((step) => installs(step.run));
        return [
          ...secretNames(job.env).map((s) => `job ${name}: job-level env reads secret ${s}`),
          ...list
            .filter((step) => installs(step.run) && secretNames(step.env).length > 0)
            .map(() => `job ${name}: a secret reaches npm install scripts`),
          ...list
            .map((step, i) => ({ step, i }))
            .filter(
              ({ step, i }) =>
                i < lastInstall && CREDENTIAL_ACTIONS.some((a) => step.uses?.startsWith(a)),
            )
            .map(
              ({ step }) =>
                `job ${name}: ${step.uses?.split("@")[0]} before npm install: its credentials reach install scripts`,
            ),
        ];
      }),
    ],
  },
  {
    name: "pulumi-credentials-per-environment",
    check: (w) => [
      ...secretNames(w.jobs)
        .filter((s) => /PULUMI/i.test(s))
        .map(
          (s) => `secret ${s}: a stored Pulumi token reaches every stack; use pulumi/auth-actions`,
        ),
      ...Object.entries(w.jobs).flatMap(([name, job]) => {
        const list = job.steps ?? [];
        const auth = list.findIndex((step) => step.uses?.startsWith("pulumi/auth-actions"));
        const needsPulumi = list.findIndex(
          (step) =>
            (step.uses?.startsWith("pulumi/actions") === true &&
              step.with?.command !== undefined) ||
            (step.run ?? "").includes("deploy-image.sh"),
        );
        const problems: string[] = [];
        if (needsPulumi >= 0 && (auth < 0 || auth > needsPulumi))
          problems.push(`job ${name} runs Pulumi without a token from pulumi/auth-actions first`);
        if (auth >= 0) {
          const inputs = list[auth]?.with ?? {};
          const environment = environmentOf(job);
          const team =
            environment === undefined
              ? "team:shortlinks-preview"
              : `team:shortlinks-${environment}`;
          if (inputs["requested-token-type"] !== "urn:pulumi:token-type:access_token:team")
            problems.push(`job ${name}: the Pulumi token must be a team token`);
          if (inputs.scope !== team)
            problems.push(
              `job ${name}: Pulumi team ${String(inputs.scope)}, expected ${team} for ${environment ? `environment ${environment}` : "a job outside any environment"}`,
            );
        }
        return problems;
      }),
    ],
  },
  {
    name: "images-verified-before-deploy",
    check: (w, resolve = fromRepository) =>
      Object.entries(w.jobs).flatMap(([name, job]) => {
        const list = job.steps ?? [];
        const installer = list.findIndex((step) =>
          step.uses?.startsWith("sigstore/cosign-installer"),
        );
        return list.flatMap((step, i) => {
          if (!(step.run ?? "").includes("deploy-image.sh")) return [];
          const where = `job ${name}, "${step.name ?? "deploy-image.sh"}"`;
          const env = step.env ?? {};
          const identity = env.CERTIFICATE_IDENTITY;
          const signer =
            typeof identity === "string" ? SIGNER_IDENTITY.exec(identity)?.[1] : undefined;
          const signs =
            signer &&
            steps(resolve(signer) ?? ({ jobs: {} } as Workflow)).some(({ step: s }) =>
              /\bcosign sign\b/.test(s.run ?? ""),
            );
          return [
            ...(installer < 0 || installer > i ? [`${where}: no cosign installed before it`] : []),
            ...(signs
              ? []
              : [
                  `${where}: CERTIFICATE_IDENTITY must name, on main, the workflow of this repository that runs cosign sign`,
                ]),
            ...(env.CERTIFICATE_OIDC_ISSUER === GITHUB_OIDC_ISSUER
              ? []
              : [`${where}: CERTIFICATE_OIDC_ISSUER must be ${GITHUB_OIDC_ISSUER}`]),
          ];
        });
      }),
  },
];
