import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { MONITORING_DIR } from "../src/generated-files.js";
import { missing, onPath, run } from "./support/tools.js";

const dir = (path: string) => join(MONITORING_DIR, path);
const files = (path: string, suffix: string) =>
  readdirSync(dir(path))
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir(path), f));

const promtool = onPath("promtool", "the rule unit tests and config checks by promtool");
const amtool = onPath("amtool", "Alertmanager's routes and config checks by amtool");

describe("promtool", () => {
  it("accepts prometheus.yml and every rule file it loads", async (ctx) => {
    if (!promtool) ctx.skip(missing("promtool", "prometheus"));
    const { stdout } = await run("promtool", ["check", "config", dir("prometheus/prometheus.yml")]);
    expect(stdout).toContain("SUCCESS");
  });

  it("accepts every rule file", async (ctx) => {
    if (!promtool) ctx.skip(missing("promtool", "prometheus"));
    const { stdout } = await run("promtool", [
      "check",
      "rules",
      ...files("prometheus/rules", ".yml"),
    ]);
    expect(stdout).not.toContain("FAILED");
  });

  it("accepts the rules of the PrometheusRule CRD (its .spec)", async (ctx) => {
    if (!promtool) ctx.skip(missing("promtool", "prometheus"));
    const crd = parse(readFileSync(dir("kubernetes/prometheus-rule.yaml"), "utf8")) as {
      spec: unknown;
    };
    const plain = join(mkdtempSync(join(tmpdir(), "crd-")), "rules.yml");
    writeFileSync(plain, stringify(crd.spec));
    const { stdout } = await run("promtool", ["check", "rules", plain]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  // Each file evaluates days of samples: run them side by side.
  it.concurrent.for(readdirSync(dir("prometheus/tests")).filter((f) => f.endsWith(".test.yml")))(
    "passes the unit tests in %s",
    { timeout: 240_000 },
    async (file, ctx) => {
      if (!promtool) ctx.skip(missing("promtool", "prometheus"));
      const result = await run("promtool", [
        "test",
        "rules",
        join(dir("prometheus/tests"), file),
      ]).catch((error: unknown) => error as { stdout: string; stderr: string });
      expect(`${result.stdout}${result.stderr}`).toContain("SUCCESS");
    },
  );
});

describe("amtool", () => {
  it("accepts alertmanager.yml", async (ctx) => {
    if (!amtool) ctx.skip(missing("amtool", "prometheus-alertmanager"));
    const { stdout } = await run("amtool", ["check-config", dir("alertmanager/alertmanager.yml")]);
    expect(stdout).toContain("SUCCESS");
  });
});
