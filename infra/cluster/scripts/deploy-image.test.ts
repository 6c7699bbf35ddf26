import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// deploy-image.sh with a stand-in `pulumi` on PATH that records its arguments and answers
// `stack output image` with what the stack would hold.
const SCRIPT = fileURLToPath(new URL("deploy-image.sh", import.meta.url));
const DIGEST = `sha256:${"0a".repeat(32)}`;
const RUNNING = `sha256:${"7f".repeat(32)}`;

function deploy(args: string[], runningImage = "") {
  const dir = mkdtempSync(join(tmpdir(), "deploy-image-"));
  const calls = join(dir, "calls");
  writeFileSync(
    join(dir, "pulumi"),
    `#!/usr/bin/env bash\necho "$*" >> "${calls}"\nif [ "$1 $2 $3" = "stack output image" ]; then\n  [ -n "${runningImage}" ] && echo "${runningImage}" || exit 255\nfi\n`,
  );
  chmodSync(join(dir, "pulumi"), 0o755);
  writeFileSync(calls, "");
  const result = spawnSync("bash", [SCRIPT, ...args], {
    encoding: "utf8",
    env: { PATH: `${dir}:${process.env.PATH ?? ""}` },
  });
  return { ...result, calls: readFileSync(calls, "utf8").trim().split("\n").filter(Boolean) };
}

describe("deploy-image.sh", () => {
  it("sets the digest on the stack, then updates it with the policy pack", () => {
    const { status, calls, stdout } = deploy(["acme/staging", DIGEST]);
    expect(status).toBe(0);
    expect(calls).toEqual([
      `config set --stack acme/staging shortlinks-cluster:imageDigest ${DIGEST}`,
      "up --yes --stack acme/staging --policy-pack ../policies",
    ]);
    expect(stdout).toContain(`${DIGEST} to acme/staging`);
  });

  it("keeps the image that runs now when given no digest", () => {
    const { status, calls } = deploy(["acme/prod"], `ghcr.io/acme/shortlinks-api@${RUNNING}`);
    expect(status).toBe(0);
    expect(calls[1]).toBe(`config set --stack acme/prod shortlinks-cluster:imageDigest ${RUNNING}`);
  });

  it("updates the add-ons only on a stack where nothing is deployed yet", () => {
    const { status, calls, stdout } = deploy(["acme/dev"]);
    expect(status).toBe(0);
    expect(calls.filter((c) => c.startsWith("config set"))).toEqual([]);
    expect(stdout).toContain("add-ons only");
  });

  it("refuses a tag or a malformed digest, and an unknown stack, before touching anything", () => {
    for (const args of [
      ["acme/staging", "latest"],
      ["acme/staging", "sha256:abc"],
      ["acme/qa", DIGEST],
    ]) {
      const { status, calls, stderr } = deploy(args);
      expect(status).toBe(64);
      expect(stderr).toMatch(/not an image digest|not a cluster stack/);
      expect(calls.filter((c) => !c.startsWith("stack output"))).toEqual([]);
    }
  });
});
