import { execFile, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { dockerEngineReachable } from "@fil-rouge/toolchain/machine-tools";
import { needs, recordSkip } from "@fil-rouge/toolchain/skips";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ansibleExtraVariables } from "../src/ansible-extra-variables.js";

// The ops server's Ansible role, checked three ways: its source (ANSSI references, apt waiting
// for the dpkg lock), ansible-lint's production profile, and for real in a Debian 12 container
// (the AMI's release) with the command AWS-ApplyAnsiblePlaybooks runs: converge, a second run
// that changes nothing, and a drift that --check --diff reports and the next run repairs.
const run = promisify(execFile);
const HERE = fileURLToPath(new URL(".", import.meta.url));
const PLAYBOOK_DIR = join(HERE, "ops-server");
const ROLE_DIR = join(PLAYBOOK_DIR, "roles", "ops_server");
const IMAGE = "node:24-bookworm-slim";
const has = (command: string, ...args: string[]) =>
  spawnSync(command, args, { stdio: "ignore", timeout: 10_000 }).status === 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Ansible tasks are free-form YAML
type Task = Record<string, any>;
const tasks = (): { file: string; task: Task }[] =>
  readdirSync(join(ROLE_DIR, "tasks")).flatMap((file) =>
    (parse(readFileSync(join(ROLE_DIR, "tasks", file), "utf8")) as Task[]).map((task) => ({
      file,
      task,
    })),
  );
const ANSSI = /\[ANSSI ((?:R\d+ ?)+), (minimal|intermediaire|renforce|eleve)\]$/;

describe("ops_server role source", () => {
  // Tasks that only read or check the machine change nothing, so apply no recommendation.
  const readsOnly = (task: Task) =>
    task.changed_when === false ||
    "ansible.builtin.assert" in task ||
    "ansible.builtin.service_facts" in task ||
    "ansible.builtin.import_tasks" in task;

  it("names, in every task that changes the system, the ANSSI BP-028 rule and level its README lists", () => {
    const readme = readFileSync(join(ROLE_DIR, "README.md"), "utf8");
    // | R58 | N'installer que les paquets strictement nécessaires | minimal | ... |
    const table = new Map(
      [
        ...readme.matchAll(
          /^\|\s*(R\d+)\s*\|[^|]+\|\s*(minimal|intermediaire|renforce|eleve)\s*\|/gm,
        ),
      ].map((m) => [m[1]!, m[2]!]),
    );
    const changing = tasks().filter(({ task }) => !readsOnly(task));
    expect(changing.length).toBeGreaterThan(20);
    for (const { file, task } of changing) {
      const match = ANSSI.exec(String(task.name));
      expect(match, `${file}: "${task.name}" names no ANSSI rule`).not.toBeNull();
      for (const rule of match![1]!.trim().split(" ")) {
        expect(table.get(rule), `${file}: ${rule} at level ${match![2]} in the README`).toBe(
          match![2],
        );
      }
    }
  });

  it("makes every apt task wait for the dpkg lock instead of failing", () => {
    const apt = tasks().filter(({ task }) => "ansible.builtin.apt" in task);
    expect(apt.length).toBeGreaterThanOrEqual(3);
    for (const { task } of apt) {
      expect(task["ansible.builtin.apt"].lock_timeout, task.name).toBe(
        "{{ ops_server_apt_lock_timeout }}",
      );
    }
    const defaults = parse(readFileSync(join(ROLE_DIR, "defaults", "main.yml"), "utf8"));
    expect(defaults.ops_server_apt_lock_timeout).toBeGreaterThanOrEqual(300);
  });
});

const lint = needs("ansible-lint", "the ops_server role's ansible-lint");
if (!lint) {
  it.skip("ansible-lint: not installed (Debian's ansible-lint package)", () => undefined);
}
describe.runIf(lint)("ops_server role lint", () => {
  it("passes ansible-lint's production profile", () => {
    const result = spawnSync("ansible-lint", ["--nocolor"], {
      cwd: HERE,
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(`${result.stdout}\n${result.stderr}`).toMatch(/Passed with production profile/);
    expect(result.status).toBe(0);
  }, 300_000);
});

// Docker here is the engine ../../../../shared/ci/offline-images.sh starts (.ci/run does).
const engine =
  dockerEngineReachable() &&
  (has("docker", "image", "inspect", IMAGE) ||
    spawnSync("docker", ["pull", IMAGE], { stdio: "ignore", timeout: 180_000 }).status === 0);
if (!engine) {
  recordSkip({ tool: "docker", what: "the ops_server role run in a Debian 12 container" });
  it.skip(`ops_server role in a container: no Docker engine with ${IMAGE}; .ci/run starts one`, () =>
    undefined);
}

// What a play's recap says about the one host.
function recap(output: string) {
  const line = /^localhost\s*: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/m.exec(
    output,
  );
  if (!line) throw new Error(`no PLAY RECAP in:\n${output.slice(-3000)}`);
  return { ok: Number(line[1]), changed: Number(line[2]), failed: Number(line[4]) };
}

describe.runIf(engine)("ops_server role on Debian 12", () => {
  let container = "";
  // The settings infra/aws passes, in the container mode (no kernel loading, no AWS downloads).
  const extraVariables = ansibleExtraVariables({
    ops_server_target: "container",
    ops_server_vpc_cidr: "10.42.0.0/16",
    ops_server_aws_region: "eu-west-3",
    ops_server_cluster_name: "shortlinks-test",
    ops_server_kubernetes_minor: "1.34",
  });
  const exec = async (...command: string[]) =>
    (await run("docker", ["exec", container, ...command], { maxBuffer: 16 * 1024 * 1024 })).stdout;
  /** The command AWS-ApplyAnsiblePlaybooks runs, in the folder it unzipped the playbook into. */
  const playbook = (...flags: string[]) => {
    const result = spawnSync(
      "docker",
      [
        "exec",
        "-e",
        "ANSIBLE_NOCOLOR=1",
        "-w",
        "/playbook",
        container,
        "ansible-playbook",
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        "ansible_python_interpreter=/usr/bin/python3",
        "-e",
        extraVariables,
        ...flags,
        "playbook.yml",
      ],
      { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
    );
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  };
  let refused: ReturnType<typeof playbook>;
  let sshBeforeAgent = "";
  let converge: ReturnType<typeof playbook>;
  let again: ReturnType<typeof playbook>;

  beforeAll(async () => {
    // Host network: the Debian archive is reachable from this machine only. NET_ADMIN lets
    // `nft --check` test the rules against a kernel, as on EC2.
    container = (
      await run("docker", [
        "run",
        "-d",
        "--rm",
        "--network",
        "host",
        "--cap-add",
        "NET_ADMIN",
        "-v",
        `${PLAYBOOK_DIR}:/playbook:ro`,
        IMAGE,
        "sleep",
        "1800",
      ])
    ).stdout.trim();
    // What cloud-init leaves (scripts/ops-bootstrap.sh): Ansible from Debian; and what Debian's
    // AMI ships: an SSH server.
    await exec(
      "sh",
      "-c",
      "apt-get update -q && apt-get install -y -q --no-install-recommends ansible-core openssh-server",
    );
    // A stand-in for the AWS CLI's answer to `aws eks update-kubeconfig --dry-run`, which
    // prints the kubeconfig instead of writing it; it echoes the cluster and region it was asked.
    await exec(
      "sh",
      "-c",
      [
        "cat > /usr/local/bin/aws <<'EOF'",
        "#!/bin/sh",
        '[ "$1 $2 $3" = "eks update-kubeconfig --dry-run" ] || exit 2',
        'while [ $# -gt 0 ]; do case "$1" in --region) region=$2;; --name) name=$2;; esac; shift; done',
        'printf "apiVersion: v1\\nkind: Config\\nclusters:\\n- name: arn:aws:eks:%s:123456789012:cluster/%s\\n" "$region" "$name"',
        "EOF",
        "chmod 755 /usr/local/bin/aws",
      ].join("\n"),
    );

    refused = playbook();
    sshBeforeAgent = await exec("dpkg-query", "-W", "-f=${Status}", "openssh-server");
    // A stand-in for the SSM agent package that cloud-init installs on EC2.
    await exec(
      "sh",
      "-c",
      [
        "mkdir -p /tmp/agent/DEBIAN",
        "printf 'Package: amazon-ssm-agent\\nVersion: 0.0.0-test\\nArchitecture: all\\nMaintainer: test <test@example.com>\\nDescription: test stand-in\\n' > /tmp/agent/DEBIAN/control",
        "dpkg-deb --build /tmp/agent /tmp/agent.deb >/dev/null && dpkg -i /tmp/agent.deb >/dev/null",
      ].join(" && "),
    );
    converge = playbook();
    again = playbook();
  }, 900_000);
  afterAll(async () => {
    if (container) await run("docker", ["rm", "-f", container]);
  });

  it("refuses to remove the SSH server while the SSM agent is missing, and keeps it", () => {
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain("amazon-ssm-agent is not installed");
    expect(sshBeforeAgent).toBe("install ok installed");
  });

  it("converges with the SSM agent installed", () => {
    expect(recap(converge.output), converge.output.slice(-3000)).toMatchObject({ failed: 0 });
    expect(converge.status).toBe(0);
    expect(recap(converge.output).changed).toBeGreaterThan(5);
  });

  it("changes nothing on a second run", () => {
    expect(again.status).toBe(0);
    expect(recap(again.output), again.output.slice(-3000)).toMatchObject({ changed: 0, failed: 0 });
  });

  it("installs the supervision, audit, firewall, time and update packages, and no SSH server", async () => {
    const status = await exec(
      "dpkg-query",
      "-W",
      "-f=${Package} ${Status}\\n",
      "prometheus-node-exporter",
      "auditd",
      "nftables",
      "unattended-upgrades",
      "chrony",
    );
    expect(status.trim().split("\n")).toHaveLength(5);
    for (const line of status.trim().split("\n")) expect(line).toMatch(/install ok installed$/);
    const ssh = await exec("dpkg-query", "-W", "-f=${Status}", "openssh-server").catch(
      () => "unknown",
    );
    expect(ssh).not.toContain("ok installed");
  });

  it("turns on unattended security upgrades with a night-time reboot", async () => {
    expect(await exec("cat", "/etc/apt/apt.conf.d/20auto-upgrades")).toContain(
      'APT::Periodic::Unattended-Upgrade "1";',
    );
    const policy = await exec("apt-config", "dump", "Unattended-Upgrade");
    expect(policy).toContain('Unattended-Upgrade::Automatic-Reboot "true"');
    expect(policy).toMatch(
      /Origins-Pattern:: "origin=Debian,codename=\$\{distro_codename\}-security/,
    );
  });

  it("writes a firewall that drops inbound except node_exporter from the VPC, and nft accepts it", async () => {
    const rules = await exec("cat", "/etc/nftables.conf");
    expect(rules).toContain("type filter hook input priority 0; policy drop;");
    expect(rules).toContain("ip saddr 10.42.0.0/16 tcp dport 9100 accept");
    expect(rules).not.toMatch(/dport 22\b/);
    await exec("nft", "-c", "-f", "/etc/nftables.conf");
  });

  it("hardens the kernel settings in sysctl's key = value form", async () => {
    const settings = await exec("cat", "/etc/sysctl.d/90-ops-hardening.conf");
    const lines = settings.split("\n").filter((line) => line && !line.startsWith("#"));
    // This host's kernel is not the AMI's (it may lack Yama), so the keys are checked by form only.
    for (const line of lines) expect(line).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+ = \d+$/);
    const keys = lines.map((line) => line.split(" = ")[0]);
    expect(keys).toEqual(
      expect.arrayContaining([
        "kernel.kptr_restrict",
        "kernel.yama.ptrace_scope",
        "net.ipv4.conf.all.accept_redirects",
        "net.ipv4.tcp_syncookies",
      ]),
    );
  });

  it("audits identity changes and root commands in the rules auditd loads at boot", async () => {
    // augenrules merges rules.d into the file auditd reads, as it does at boot.
    await exec("augenrules");
    const rules = await exec("cat", "/etc/audit/audit.rules");
    expect(rules).toContain("-w /etc/shadow -p wa -k identity");
    expect(rules).toContain("-a always,exit -F arch=b64 -S execve -F euid=0 -k root-commands");
  });

  it("locks root's password, forbids core dumps and sets umask 027", async () => {
    expect(await exec("passwd", "-S", "root")).toMatch(/^root L /);
    expect(await exec("cat", "/etc/security/limits.d/10-no-core-dumps.conf")).toContain(
      "hard core 0",
    );
    expect(await exec("grep", "^UMASK", "/etc/login.defs")).toContain("027");
  });

  it("takes the time from Amazon Time Sync only, in a configuration chrony parses", async () => {
    // chronyd -p prints the configuration it parsed and exits.
    const parsed = await exec("chronyd", "-p", "-f", "/etc/chrony/chrony.conf");
    const sources = parsed
      .split("\n")
      .filter((line) => /^(server|pool|peer|sourcedir) /.test(line));
    expect(sources).toEqual(["server 169.254.169.123 prefer iburst minpoll 4 maxpoll 4"]);
  });

  it("gives a Session Manager shell (ssm-user, not a login shell) this cluster's kubeconfig", async () => {
    const config = await exec("su", "ssm-user", "-s", "/bin/sh", "-c", 'cat "$HOME/.kube/config"');
    expect(config).toContain("cluster/shortlinks-test");
    expect(config).toContain("arn:aws:eks:eu-west-3:");
    expect(await exec("stat", "-c", "%U %a", "/home/ssm-user/.kube/config")).toBe("ssm-user 600\n");
  });

  it("reports a sysctl changed by hand as the one drift under --check --diff, then repairs it", async () => {
    const file = "/etc/sysctl.d/90-ops-hardening.conf";
    await exec("sed", "-i", "s/^kernel.sysrq = 0$/kernel.sysrq = 1/", file);

    const check = playbook("--check", "--diff");
    expect(check.status).toBe(0);
    expect(recap(check.output).changed).toBe(1);
    const diffLines = check.output.split("\n").filter((line) => /^[+-](?![+-])/.test(line));
    expect(diffLines).toEqual(["-kernel.sysrq = 1", "+kernel.sysrq = 0"]);
    // A check changes nothing.
    expect(await exec("grep", "^kernel.sysrq", file)).toBe("kernel.sysrq = 1\n");

    const repair = playbook();
    expect(recap(repair.output)).toMatchObject({ changed: 1, failed: 0 });
    expect(await exec("grep", "^kernel.sysrq", file)).toBe("kernel.sysrq = 0\n");
  }, 300_000);
});
