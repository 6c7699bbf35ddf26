import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { missingAlertingBinaries } from "../local-alerting.js";
import { cloudSteps, collectEvidence, type Manifest } from "./collect-evidence.js";
import { localSteps } from "./evidence-main.js";

const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const FIXTURES = fileURLToPath(new URL("fixtures", import.meta.url));
// The evidence names its commit (git rev-parse HEAD): a copy without git or .git (a ZIP download,
// the bare machine of the README) cannot have one, so the test says so and skips.
const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT });
const commit = head.status === 0 ? head.stdout.toString().trim() : "";
if (!commit) {
  process.stdout.write(
    "[skipped] npm run evidence's test: needs git and a clone (the evidence names its commit)\n",
  );
}
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Stub executables that print the recorded outputs, as the real CLIs would. */
function stubCli(): string {
  const bin = mkdtempSync(join(tmpdir(), "evidence-bin-"));
  const stubs: Record<string, string> = {
    pulumi: `case "$3:$PWD" in hostname:*) echo dev.example.org;; backupBucket:*) echo shortlinks-dev-db-backups-111122223333;; *:*/infra/aws) cat "${FIXTURES}/pulumi-infra-aws.json";; *) cat "${FIXTURES}/pulumi-infra-cluster.json";; esac`,
    curl: `[ "$2" = https://dev.example.org/readyz ] || exit 6; cat "${FIXTURES}/curl-verbose.txt" >&2; echo '{"status":"ready"}'`,
    kubectl: `case "$2" in nodes) cat "${FIXTURES}/kubectl-nodes.txt";; pods) cat "${FIXTURES}/kubectl-pods.txt";; *) cat "${FIXTURES}/kubectl-ingress.txt";; esac`,
    docker: `[ "$5" = shortlinks-api:0.0.0-compose ] || exit 1; echo "sha256:$(printf '%064d' 7) 158634521"`,
    aws: `case "$1 $3" in "s3 s3://shortlinks-dev-db-backups-111122223333/") cat "${FIXTURES}/aws-s3-ls.txt";; "sts "*) cat "${FIXTURES}/aws-identity.json";; *) exit 2;; esac`,
  };
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, sha256(join(dir, f))]));

describe.runIf(commit !== "")("npm run evidence", () => {
  it("collects the local part for real and the cloud part from the CLIs on PATH; a second run adds a folder", async () => {
    const out = mkdtempSync(join(tmpdir(), "preuves-"));
    const env = { ...process.env, PATH: `${stubCli()}:${process.env.PATH ?? ""}` };
    const steps = [...localSteps(true), ...cloudSteps(ROOT)];
    const first = await collectEvidence({ outDir: out, steps, commit, env });

    // Everything collected; each file hashed in the manifest as written.
    const manifest = JSON.parse(readFileSync(join(first.dir, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.commit).toBe(commit);
    const collected = new Set(manifest.files.map((f) => f.file));
    expect(
      steps.map((s) => s.file).filter((f) => !collected.has(f) && f !== "totaux-des-tests.txt"),
    ).toEqual([]);
    for (const f of manifest.files) expect(sha256(join(first.dir, f.file)), f.file).toBe(f.sha256);
    // The cloud files are the CLIs' outputs (here the recorded ones).
    expect(readFileSync(join(first.dir, "kubectl-pods.txt"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "kubectl-pods.txt"), "utf8"),
    );
    expect(readFileSync(join(first.dir, "pulumi-infra-aws.json"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "pulumi-infra-aws.json"), "utf8"),
    );
    expect(readFileSync(join(first.dir, "image.txt"), "utf8")).toMatch(/^sha256:[0-9]{64} \d+$/m);
    // Chained: the URL and the bucket come from the stacks' outputs.
    const url = readFileSync(join(first.dir, "url-publique.txt"), "utf8");
    expect(url).toMatch(/issuer: C=US; O=Let's Encrypt/);
    expect(url).toContain('{"status":"ready"}');
    expect(
      readFileSync(join(first.dir, "derniere-sauvegarde.txt"), "utf8").trim().split("\n").at(-1),
    ).toMatch(/2026-11-30 02:00:\d+ .*shortlinks-2026-11-30/);
    expect(readFileSync(join(first.dir, "commit.txt"), "utf8")).toContain(`commit ${commit}`);
    // The workspaces' last vitest reports; on a fresh clone there may be none yet, said so.
    const totals = manifest.files.some((f) => f.file === "totaux-des-tests.txt")
      ? readFileSync(join(first.dir, "totaux-des-tests.txt"), "utf8")
      : "";
    if (totals)
      expect(totals).toMatch(
        /^\S+ +\d+ réussis +\d+ en échec +\d+ ignorés \/ \d+ +\(exécuté le \S+Z\)$/m,
      );
    else
      expect(manifest.notCollected.map((m) => m.reason)).toEqual([
        "aucun rapport reports/vitest.json : lancer npm test d'abord",
      ]);
    expect(readFileSync(join(first.dir, "carte-des-competences.txt"), "utf8")).toMatch(
      /Tests\s+\d+ passed/,
    );
    // The index links every file to its competencies.
    const index = readFileSync(join(first.dir, "index.md"), "utf8");
    for (const f of manifest.files)
      expect(index).toContain(`| [\`${f.file}\`](${f.file}) | ${f.cp} |`);

    const demo = readFileSync(join(first.dir, "demo-locale.txt"), "utf8");
    expect(demo).toMatch(/^\S+Z sonde GET \/readyz : 200/m);
    expect(demo).toMatch(
      /^\S+Z redirection GET \/preuve : 302 Location: https:\/\/example\.org\/preuve$/m,
    );
    if (missingAlertingBinaries().length === 0) {
      expect(demo).toMatch(
        /^\S+Z alerte RedirectAvailabilityBudgetBurn déclenchée dans Prometheus/m,
      );
      expect(demo).toMatch(
        /^\S+Z notification reçue : .*FIRING +RedirectAvailabilityBudgetBurn .*runbook: \S+\/docs\/runbooks\/RedirectAvailabilityBudgetBurn\.md$/m,
      );
      expect(demo).toMatch(
        /^\S+Z notification reçue : .*RESOLVED +RedirectAvailabilityBudgetBurn/m,
      );
    } else {
      expect(demo).toContain("scénario errors non joué");
    }

    // Second run: a new folder; the first is untouched. Only a failing kubectl on PATH: the rest
    // is listed as not collected, with its reason.
    const before = snapshot(first.dir);
    const bin = mkdtempSync(join(tmpdir(), "evidence-bin-"));
    writeFileSync(
      join(bin, "kubectl"),
      "#!/bin/sh\necho 'error: You must be logged in to the server (Unauthorized)' >&2\nexit 1\n",
    );
    chmodSync(join(bin, "kubectl"), 0o755);
    const second = await collectEvidence({
      outDir: out,
      steps: cloudSteps(ROOT),
      commit,
      env: { PATH: bin },
      now: new Date(Date.parse(manifest.createdAt) + 60_000),
    });
    expect(second.dir).not.toBe(first.dir);
    expect(snapshot(first.dir)).toEqual(before);
    expect(second.manifest.files).toEqual([]);
    expect(second.manifest.notCollected.map((m) => m.reason)).toEqual([
      "pulumi absent du PATH",
      "pulumi absent du PATH",
      "kubectl get nodes -o wide a échoué : error: You must be logged in to the server (Unauthorized)",
      "kubectl get pods -A -o wide a échoué : error: You must be logged in to the server (Unauthorized)",
      "kubectl get ingress -A a échoué : error: You must be logged in to the server (Unauthorized)",
      "pulumi absent du PATH",
      "pulumi absent du PATH",
      "docker absent du PATH",
      "aws absent du PATH",
    ]);
    expect(readFileSync(join(second.dir, "index.md"), "utf8")).toContain(
      "- `aws-identite.json` (CP3) : non collecté : `aws absent du PATH`",
    );
    // The same date-time again is refused rather than overwritten.
    await expect(
      collectEvidence({ outDir: out, steps: [], commit, now: new Date(manifest.createdAt) }),
    ).rejects.toThrow(/exists already/);
  }, 300_000);
});
