import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "./scenarios.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const rootScripts = (
  JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { scripts: Record<string, string> }
).scripts;

describe.each(SCENARIOS.map((s) => [s.name, s] as const))("the %s card", (name, scenario) => {
  const path = `${ROOT}/docs/demo/${name}.md`;
  it("exists, in French and English, with the exact command, its alert and its runbook", () => {
    expect(existsSync(path)).toBe(true);
    const card = readFileSync(path, "utf8");
    expect(card).toContain(`npm run scenario -- ${name}`);
    expect(card).toContain("## Français");
    expect(card).toContain("## English");
    expect(card).toContain(scenario.alert);
    expect(existsSync(`${ROOT}/docs/runbooks/${scenario.alert}.md`)).toBe(true);
    expect(rootScripts.scenario).toBeDefined();
  });
});
