import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { REPO_ROOT } from "./competency-map.js";
import { renameProject, renameText, replacements, validateNames } from "./rename-project.js";
import { trackedFiles } from "./tracked-files.js";

const SCRIPT = fileURLToPath(new URL("rename-project.ts", import.meta.url));

describe("the rename script's names", () => {
  it("derives every form of a kebab-case name", () => {
    const pairs = replacements("acme", "link-hub");
    expect(
      renameText(
        "@fil-rouge/api shortlinks-api shortlinks_links_created_total ShortlinksTargetDown SHORTLINKS_URL",
        pairs,
      ),
    ).toBe("@acme/api link-hub-api link_hub_links_created_total LinkHubTargetDown LINK_HUB_URL");
  });

  it("refuses names that would not survive as identifiers, with the usage", () => {
    expect(() => validateNames("acme", "Link Hub")).toThrow(
      /app name "Link Hub": kebab-case[\s\S]*usage:/,
    );
    expect(() => validateNames("ACME", "linkly")).toThrow(/scope "ACME"/);
    expect(() => validateNames("acme", undefined)).toThrow(/^usage:/);
    expect(() => validateNames("fil-rouge", "shortlinks")).toThrow(/nothing to rename/);
  });
});

describe("renaming a copy of this repository", () => {
  let copy = "";
  beforeAll(() => {
    // A copy of the tracked tree without .git (a ZIP download): the real one is never touched,
    // and the copy's files are listed by the .gitignore-aware walk, with or without git here.
    copy = mkdtempSync(join(tmpdir(), "rename-"));
    for (const path of trackedFiles(REPO_ROOT))
      cpSync(join(REPO_ROOT, path), join(copy, path), { recursive: true, verbatimSymlinks: true });
    renameProject(copy, "acme", "linkly");
  }, 120_000);

  const tracked = () => trackedFiles(copy).filter((p) => existsSync(join(copy, p)));

  it("leaves no trace of the old scope or name, in contents or file names", () => {
    expect(tracked().length).toBeGreaterThan(300);
    const left = tracked().filter(
      (path) =>
        /shortlinks|@fil-rouge\//i.test(path) ||
        /shortlinks|@fil-rouge\//i.test(readFileSync(join(copy, path), "utf8")),
    );
    expect(left).toEqual([]);
  });

  it("renames the packages, the Pulumi projects, the runbooks and the metrics consistently", () => {
    const pkg = JSON.parse(readFileSync(join(copy, "apps/api/package.json"), "utf8"));
    expect(pkg.name).toBe("@acme/api");
    expect(parse(readFileSync(join(copy, "infra/aws/Pulumi.yaml"), "utf8")).name).toBe(
      "linkly-aws",
    );
    expect(existsSync(join(copy, "docs/runbooks/LinklyTargetDown.md"))).toBe(true);
    expect(readFileSync(join(copy, "apps/api/src/metrics.ts"), "utf8")).toContain("linkly_");
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
