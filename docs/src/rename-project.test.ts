import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { REPO_ROOT } from "./competency-map.js";
import { MAX_APP_NAME_LENGTH, nameForms, type NameForms } from "@fil-rouge/toolchain/app-name";
import {
  OLD_NAME,
  OLD_SCOPE,
  renameProject,
  renameText,
  replacements,
  validateNames,
} from "./rename-project.js";
import { copyTree, IN_REHEARSAL, install, npmRun, runNpmTest } from "./rehearsal.js";
import { trackedFiles } from "./tracked-files.js";

const SCRIPT = fileURLToPath(new URL("rename-project.ts", import.meta.url));

/** Names that differ from the tree's current ones, also once this tree has been renamed. */
const TARGET = [
  { scope: "acme", name: "link-hub" },
  { scope: "zeta", name: "other-app" },
].find((names) => names.name !== OLD_NAME)!;
const target = nameForms(TARGET.name);

describe("the rename script's names", () => {
  it("gives each form of the name its own replacement, a dashed name included", () => {
    // Written from the current names, so that the test still holds in a renamed tree.
    const text = (scope: string, n: NameForms) =>
      `@${scope}/api ${n.kebab}-api ${n.kebab}/prod ${n.snake}_links_created_total ${n.snake}_db ` +
      `${n.pascal}TargetDown ${n.upperSnake}_APP_PASSWORD import { ${n.camel}Slos }`;
    expect(renameText(text(OLD_SCOPE, nameForms(OLD_NAME)), replacements("acme", "link-hub"))).toBe(
      "@acme/api link-hub-api link-hub/prod link_hub_links_created_total link_hub_db " +
        "LinkHubTargetDown LINK_HUB_APP_PASSWORD import { linkHubSlos }",
    );
  });

  it("renames a renamed tree again: a two-word old name has five distinct forms", () => {
    const pairs = replacements("zeta", "pay", { scope: "acme", name: "link-hub" });
    expect(
      renameText(
        "@acme/api link-hub-api link_hub_db LinkHubTargetDown LINK_HUB_X linkHubSlos",
        pairs,
      ),
    ).toBe("@zeta/api pay-api pay_db PayTargetDown PAY_X paySlos");
  });

  it("refuses names that cannot take every form, each with the reason and the usage", () => {
    expect(() => validateNames("acme", "Link Hub")).toThrow(
      /app name "Link Hub": kebab-case[\s\S]*usage:/,
    );
    expect(() => validateNames("acme", "link--hub")).toThrow(/kebab-case/);
    expect(() => validateNames("acme", "link-hub-")).toThrow(/kebab-case/);
    expect(() => validateNames("acme", "9links")).toThrow(/kebab-case/);
    expect(() => validateNames("acme", "a".repeat(MAX_APP_NAME_LENGTH + 1))).toThrow(
      new RegExp(`2 to ${String(MAX_APP_NAME_LENGTH)} characters`),
    );
    expect(validateNames("acme", "a".repeat(MAX_APP_NAME_LENGTH)).name).toHaveLength(
      MAX_APP_NAME_LENGTH,
    );
    expect(() => validateNames("ACME", "linkly")).toThrow(/scope "ACME"/);
    expect(() => validateNames("acme", undefined)).toThrow(/^usage:/);
    expect(() => validateNames(OLD_SCOPE, OLD_NAME)).toThrow(/nothing to rename/);
  });
});

describe("renaming a copy of this repository", () => {
  let copy = "";
  beforeAll(() => {
    // A copy of the tracked tree without .git (a ZIP download): the real one is never touched,
    // and the copy's files are listed by the .gitignore-aware walk, with or without git here.
    copy = copyTree(REPO_ROOT, "rename-");
    renameProject(copy, TARGET.scope, TARGET.name);
  }, 120_000);

  const tracked = () => trackedFiles(copy).filter((p) => existsSync(join(copy, p)));

  it("leaves no trace of the old scope or name, in contents or file names", () => {
    expect(tracked().length).toBeGreaterThan(300);
    const old = new RegExp(`${OLD_NAME.replaceAll("-", "[-_]?")}|@${OLD_SCOPE}/`, "i");
    const left = tracked().filter(
      (path) => old.test(path) || old.test(readFileSync(join(copy, path), "utf8")),
    );
    expect(left).toEqual([]);
  });

  it("renames the packages, the Pulumi projects, the runbooks and the metrics consistently", () => {
    const pkg = JSON.parse(readFileSync(join(copy, "apps/api/package.json"), "utf8"));
    expect(pkg.name).toBe(`@${TARGET.scope}/api`);
    expect(parse(readFileSync(join(copy, "infra/aws/Pulumi.yaml"), "utf8")).name).toBe(
      `${target.kebab}-aws`,
    );
    expect(existsSync(join(copy, `docs/runbooks/${target.pascal}TargetDown.md`))).toBe(true);
    expect(readFileSync(join(copy, "infra/aws/src/database.ts"), "utf8")).toContain(
      `"${target.snake}_db"`,
    );
  });

  it("keeps every JSON and YAML file parseable", () => {
    for (const path of tracked().filter(
      (p) => /\.(json|ya?ml)$/.test(p) && !p.includes("templates/"),
    )) {
      const text = readFileSync(join(copy, path), "utf8");
      if (path.endsWith(".json")) expect(() => JSON.parse(text), path).not.toThrow();
      else
        expect(
          parseAllDocuments(text).flatMap((d) => d.errors.map((e) => `${path}: ${e.message}`)),
        ).toEqual([]);
    }
  });

  it("runs from the command line and stops on bad input before touching anything", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, "acme"], {
      encoding: "utf8",
      cwd: REPO_ROOT,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^usage: npm run rename -- <scope> <app-name>/);
  });
});

// The whole promise: a fork renamed with a dashed two-word name passes its own `npm test`. About
// 17 minutes in CI (npm ci and the rename with its install, generation and Prettier about 2, the
// copy's npm test the rest). Inside that copy's run, this test and the seam rehearsal skip
// themselves (IN_REHEARSAL), or they would recurse.
describe.skipIf(IN_REHEARSAL)("a renamed copy passes its own npm test", () => {
  it(
    "renames through the command line, which installs, regenerates and formats, then tests",
    () => {
      // As a new user does: install, rename (which installs again, regenerates and formats), test.
      const copy = copyTree(REPO_ROOT, "renamed-");
      const installed = install(copy);
      expect(installed.status, installed.tail).toBe(0);
      const rename = npmRun(copy, "rename", [TARGET.scope, TARGET.name]);
      expect(rename.status, rename.tail).toBe(0);
      expect(rename.tail).toMatch(/next: npm test/);
      const run = runNpmTest(copy);
      expect(run.tail, run.tail).toMatch(/Tasks:\s+(\d+) successful, \1 total/);
      expect(run.status, run.tail).toBe(0);
    },
    45 * 60_000,
  );
});
