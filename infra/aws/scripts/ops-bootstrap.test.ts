import { execFile, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The ops server's first-boot script, run for real in a Debian 12 container (the AMI's release)
// in the mode that skips what only works on EC2. Needs a Docker engine: .ci/run starts one here
// with ../shared/ci/offline-images.sh; elsewhere these tests skip with one line.
const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("ops-bootstrap.sh", import.meta.url));
const IMAGE = "node:24-bookworm-slim";
const has = (command: string, ...args: string[]) =>
  spawnSync(command, args, { stdio: "ignore", timeout: 10_000 }).status === 0;
// Here the image is a local stand-in (offline-images.sh); on a CI runner with a registry, pulled.
const engine =
  has("docker", "info") &&
  (has("docker", "image", "inspect", IMAGE) ||
    spawnSync("docker", ["pull", IMAGE], { stdio: "ignore", timeout: 180_000 }).status === 0);

describe.runIf(has("shellcheck", "--version"))("ops-bootstrap.sh source", () => {
  it("is shellcheck-clean", () => {
    const result = spawnSync("shellcheck", ["--severity=style", SCRIPT], { encoding: "utf8" });
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});

if (!engine) {
  it.skip(`ops-bootstrap.sh in a container: no Docker engine with ${IMAGE}; .ci/run starts one`, () =>
    undefined);
}

describe.runIf(engine)("ops-bootstrap.sh on Debian 12", () => {
  let container = "";
  const exec = async (...command: string[]) =>
    (await run("docker", ["exec", container, ...command], { maxBuffer: 16 * 1024 * 1024 })).stdout;

  beforeAll(async () => {
    // Host network: the Debian archive is reachable from this machine only. NET_ADMIN lets
    // `nft -c` check the rules against a kernel, as on EC2.
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
        `${SCRIPT}:/ops-bootstrap.sh:ro`,
        "-e",
        "OPS_BOOTSTRAP_TARGET=container",
        "-e",
        "VPC_CIDR=10.42.0.0/16",
        IMAGE,
        "sleep",
        "900",
      ])
    ).stdout.trim();
    // Debian's AMI ships an SSH server; the script must remove it.
    await exec("sh", "-c", "apt-get update -q && apt-get install -y -q openssh-server");
    await exec("bash", "/ops-bootstrap.sh");
  }, 600_000);
  afterAll(async () => {
    if (container) await run("docker", ["rm", "-f", container]);
  });

  it("finishes and leaves its marker and log", async () => {
    expect(await exec("cat", "/var/lib/ops-bootstrap/done")).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await exec("cat", "/var/log/ops-bootstrap.log")).toContain("ops-bootstrap: done");
  });

  it("installs the supervision, audit, firewall and update packages, and no SSH server", async () => {
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

  it("refuses an unknown target, and EC2 mode without its settings", async () => {
    await expect(
      run("docker", [
        "exec",
        "-e",
        "OPS_BOOTSTRAP_TARGET=laptop",
        container,
        "bash",
        "/ops-bootstrap.sh",
      ]),
    ).rejects.toThrow(/must be ec2 or container/);
    await expect(
      run("docker", [
        "exec",
        "-e",
        "OPS_BOOTSTRAP_TARGET=ec2",
        container,
        "bash",
        "/ops-bootstrap.sh",
      ]),
    ).rejects.toThrow(/AWS_REGION and CLUSTER_NAME are required/);
  });
});
