import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { trackedFiles } from "../src/tracked-files.js";
import { describe, expect, it } from "vitest";

// secretlint with its recommended preset (AWS, GCP, GitHub, Slack, npm tokens, private keys...).
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The package's bin (not exported as a module path): beside its package.json.
const secretlint = join(
  dirname(createRequire(import.meta.url).resolve("secretlint/package.json")),
  "bin",
  "secretlint.js",
);

async function scan(cwd: string, files: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [secretlint, "--secretlintrc", join(ROOT, ".secretlintrc.json"), ...files],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

describe("secret scan", () => {
  it("finds no secret in any file git tracks", async () => {
    const files = trackedFiles(ROOT).filter((f) => !f.endsWith("package-lock.json"));
    expect(files.length).toBeGreaterThan(100);
    const result = await scan(ROOT, files);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  });

  it("catches an AWS access key and a private key (fixtures written at run time, never committed)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-fixtures-"));
    // The AWS secret is assembled from parts so that this file itself holds none; the private key
    // is a real one, generated now.
    const awsSecret = ["1tUm636uS1yOEcfP5pvfqJ", "/ml36mF7AkyHsEU0IU"].join("");
    writeFileSync(join(dir, "aws.env"), `AWS_SECRET_ACCESS_KEY=${awsSecret}\n`);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    writeFileSync(join(dir, "id_rsa"), privateKey.export({ type: "pkcs1", format: "pem" }));

    const aws = await scan(dir, ["aws.env"]);
    expect(aws.code).not.toBe(0);
    expect(aws.output).toMatch(/AWS/i);
    const key = await scan(dir, ["id_rsa"]);
    expect(key.code).not.toBe(0);
    expect(key.output).toMatch(/private key/i);
  });
});
