import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// deploy-image.sh with stand-ins on PATH that record their arguments: `pulumi`, which answers
// `stack output image` with what the stack would hold, and `cosign`, whose verdict the test chooses (cosign v2.4.3, the default of cosign-installer
// v3.8.1: `verify` exits non-zero when no signature matches the identity and issuer).
const SCRIPT = fileURLToPath(new URL("deploy-image.sh", import.meta.url));
const DIGEST = `sha256:${"0a".repeat(32)}`;
const RUNNING = `sha256:${"7f".repeat(32)}`;
const REPOSITORY = "ghcr.io/acme/shortlinks-api";
const IDENTITY = "https://github.com/acme/shortlinks/.github/workflows/image.yml@refs/heads/main";
const ISSUER = "https://token.actions.githubusercontent.com";
const VERIFY = (digest: string) =>
  `cosign verify --certificate-identity ${IDENTITY} --certificate-oidc-issuer ${ISSUER} ${REPOSITORY}@${digest}`;

function deploy(
  args: string[],
  runningImage = "",
  { signed = true, identity = true }: { signed?: boolean; identity?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "deploy-image-"));
  const calls = join(dir, "calls");
  writeFileSync(
    join(dir, "pulumi"),
    `#!/usr/bin/env bash\necho "$*" >> "${calls}"\nif [ "$1 $2 $3" = "stack output image" ]; then\n  [ -n "${runningImage}" ] && echo "${runningImage}" || exit 255\nfi\n`,
  );
  writeFileSync(
    join(dir, "cosign"),
    `#!/usr/bin/env bash\necho "cosign $*" >> "${calls}"\nexit ${signed ? 0 : 10}\n`,
  );
  chmodSync(join(dir, "pulumi"), 0o755);
  chmodSync(join(dir, "cosign"), 0o755);
  writeFileSync(calls, "");
  const result = spawnSync("bash", [SCRIPT, ...args], {
    encoding: "utf8",
    env: {
      PATH: `${dir}:${process.env.PATH ?? ""}`,
      ...(identity
        ? {
            SIGNED_REPOSITORY: "ghcr.io/Acme/shortlinks-api",
            CERTIFICATE_IDENTITY: IDENTITY,
            CERTIFICATE_OIDC_ISSUER: ISSUER,
          }
        : {}),
    },
  });
  return { ...result, calls: readFileSync(calls, "utf8").trim().split("\n").filter(Boolean) };
}

describe("deploy-image.sh", () => {
  it("verifies the digest's signature, sets it on the stack, then updates it with the policy pack", () => {
    const { status, calls, stdout } = deploy(["acme/staging", DIGEST]);
    expect(status).toBe(0);
    expect(calls).toEqual([
      VERIFY(DIGEST),
      `config set --stack acme/staging shortlinks-cluster:imageDigest ${DIGEST}`,
      "up --yes --stack acme/staging --policy-pack ../policies",
    ]);
    expect(stdout).toContain(`${DIGEST} to acme/staging`);
  });

  it("keeps the image that runs now when given no digest", () => {
    const { status, calls } = deploy(["acme/prod"], `ghcr.io/acme/shortlinks-api@${RUNNING}`);
    expect(status).toBe(0);
    expect(calls.slice(1)).toEqual([
      VERIFY(RUNNING),
      `config set --stack acme/prod shortlinks-cluster:imageDigest ${RUNNING}`,
      "up --yes --stack acme/prod --policy-pack ../policies",
    ]);
  });

  it("deploys nothing when the signature does not verify, or no identity is given", () => {
    const unsigned = deploy(["acme/prod", DIGEST], "", { signed: false });
    expect(unsigned.status).toBe(65);
    expect(unsigned.stderr).toContain(`${REPOSITORY}@${DIGEST} is not signed by ${IDENTITY}`);
    expect(unsigned.calls.at(-1)).toBe(VERIFY(DIGEST));
    const anonymous = deploy(["acme/prod", DIGEST], "", { identity: false });
    expect(anonymous.status).not.toBe(0);
    expect(anonymous.stderr).toMatch(/SIGNED_REPOSITORY|CERTIFICATE_IDENTITY/);
    expect(anonymous.calls).toEqual([]);
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
