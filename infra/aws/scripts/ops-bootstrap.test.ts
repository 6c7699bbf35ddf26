import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { needs } from "@fil-rouge/toolchain/skips";
import { afterEach, describe, expect, it } from "vitest";

// The ops server's first boot installs only what the Ansible role needs to start. Run here with
// apt-get, curl, dpkg and systemctl replaced by stubs that log their arguments: what matters is
// what it installs, in which order, and that it waits for the dpkg lock.
const SCRIPT = fileURLToPath(new URL("ops-bootstrap.sh", import.meta.url));

describe.runIf(needs("shellcheck", "ops-bootstrap.sh's shellcheck"))(
  "ops-bootstrap.sh source",
  () => {
    it("is shellcheck-clean", () => {
      const result = spawnSync("shellcheck", ["--severity=style", SCRIPT], { encoding: "utf8" });
      expect(result.stdout).toBe("");
      expect(result.status).toBe(0);
    });
  },
);

describe("ops-bootstrap.sh with stubbed system commands", () => {
  let dir = "";
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function runScript(env: Record<string, string>) {
    dir = mkdtempSync(join(tmpdir(), "ops-bootstrap-"));
    const log = join(dir, "calls.log");
    for (const command of ["apt-get", "curl", "dpkg", "systemctl"]) {
      const stub = join(dir, command);
      // dpkg --print-architecture must answer like the real one.
      writeFileSync(
        stub,
        `#!/bin/sh\necho "${command} $*" >> "${log}"\n[ "$1" = --print-architecture ] && echo amd64\nexit 0\n`,
      );
      chmodSync(stub, 0o755);
    }
    const result = spawnSync("bash", [SCRIPT], {
      encoding: "utf8",
      env: { PATH: `${dir}:/usr/bin:/bin`, ...env },
    });
    const calls = result.status === 0 ? readFileSync(log, "utf8").trim().split("\n") : [];
    return { ...result, calls };
  }

  it("installs Ansible from Debian, then the region's SSM agent, then starts the agent", () => {
    const { status, calls } = runScript({ AWS_REGION: "eu-west-3" });
    expect(status).toBe(0);
    const step = (pattern: RegExp) => calls.findIndex((call) => pattern.test(call));
    const ansible = step(/^apt-get .*install .*ansible-core .*unzip/);
    const download = step(
      /^curl .*https:\/\/s3\.eu-west-3\.amazonaws\.com\/amazon-ssm-eu-west-3\/latest\/debian_amd64\/amazon-ssm-agent\.deb/,
    );
    const agent = step(/^dpkg -i \/tmp\/amazon-ssm-agent\.deb/);
    const start = step(/^systemctl enable --now amazon-ssm-agent/);
    // The agent runs the association as soon as it registers: Ansible must be there first.
    expect([ansible, download, agent, start].every((i) => i >= 0)).toBe(true);
    expect(ansible).toBeLessThan(agent);
    expect(agent).toBeLessThan(start);
  });

  it("waits for the dpkg lock on every apt-get call", () => {
    const { calls } = runScript({ AWS_REGION: "eu-west-3" });
    const aptCalls = calls.filter((call) => call.startsWith("apt-get "));
    expect(aptCalls.length).toBeGreaterThanOrEqual(2);
    for (const call of aptCalls) expect(call).toContain("-o DPkg::Lock::Timeout=600");
  });

  it("refuses to run without the region, naming it", () => {
    const { status, stderr } = runScript({});
    expect(status).not.toBe(0);
    expect(stderr).toContain("AWS_REGION is required");
  });
});
