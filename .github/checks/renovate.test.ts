import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { versionLocations, type VersionKind, type VersionLocation } from "./version-locations.js";
import { GITHUB_DIR, REPO_ROOT } from "./workflows.js";

// The schema Renovate publishes with its npm package (renovate@44.121.2, renovate-schema.json,
// vendored in schemas/): the full validator (`renovate-config-validator`) needs Renovate and its
// few hundred dependencies, too heavy for a dev dependency. It was run once outside the repository
// (`renovate-config-validator --strict --no-global .github/renovate.json5`, renovate 44.121.2:
// "Config validated successfully"; a misspelt `groupNam` is refused); Renovate validates again
// on each run.
const SCHEMA_FILE = join(GITHUB_DIR, "checks/schemas/renovate-schema-44.121.2.json");

interface CustomManager {
  customType: string;
  managerFilePatterns: string[];
  matchStrings: string[];
  datasourceTemplate?: string;
}
interface RenovateConfig {
  enabledManagers: string[];
  customManagers: CustomManager[];
  [manager: string]: unknown;
}

const readConfig = (text = readFileSync(join(GITHUB_DIR, "renovate.json5"), "utf8")) =>
  JSON5.parse<RenovateConfig>(text);

/** Renovate's pattern syntax: `/regex/flags`, or a glob we do not use. */
function pattern(source: string): RegExp {
  const match = /^\/(.+)\/([a-z]*)$/.exec(source);
  if (!match?.[1]) throw new Error(`not a /regex/ pattern: ${source}`);
  return new RegExp(match[1], match[2]);
}

const BUILT_IN: Partial<Record<VersionKind, string>> = {
  npm: "npm",
  nvm: "nvm",
  "github-actions": "github-actions",
  dockerfile: "dockerfile",
  "docker-compose": "docker-compose",
  kubernetes: "kubernetes",
};

/** The values each custom manager extracts from a file, by running its matchStrings on it. */
function extracted(manager: CustomManager, text: string) {
  return manager.matchStrings.flatMap((source) =>
    [...text.matchAll(new RegExp(source, "g"))].map((m) => m.groups ?? {}),
  );
}

/** The locations no manager of `config` reads; empty when the configuration covers everything. */
function uncovered(config: RenovateConfig, locations: VersionLocation[]): string[] {
  const fileMatches = (patterns: string[], file: string) =>
    patterns.some((p) => pattern(p).test(file));
  return locations
    .filter((location) => {
      const manager = BUILT_IN[location.kind];
      if (manager) {
        const settings = config[manager] as { managerFilePatterns?: string[] } | undefined;
        return !(
          config.enabledManagers.includes(manager) &&
          fileMatches(settings?.managerFilePatterns ?? [], location.file)
        );
      }
      // Custom managers: the version on this line is one the manager extracts from the file.
      const text = readFileSync(join(REPO_ROOT, location.file), "utf8");
      return !(
        config.enabledManagers.includes("custom.regex") &&
        config.customManagers.some(
          (m) =>
            fileMatches(m.managerFilePatterns, location.file) &&
            extracted(m, text).some(
              (groups) =>
                groups.currentValue !== undefined && location.text.includes(groups.currentValue),
            ),
        )
      );
    })
    .map((l) => `${l.file}:${String(l.line)} (${l.kind}) ${l.text}`);
}

describe(".github/renovate.json5", () => {
  const config = readConfig();
  const locations = versionLocations();

  it("is valid for Renovate's published schema, with no key the schema does not know", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as {
      properties: Record<string, unknown>;
      definitions: Record<string, { items?: { allOf?: { properties?: object }[] } }>;
    };
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    validate(config);
    expect(validate.errors ?? []).toEqual([]);
    // The schema accepts unknown top-level keys; Renovate would ignore a misspelt one.
    const known = new Set(Object.keys(schema.properties));
    expect(Object.keys(config).filter((k) => !known.has(k) && k !== "$schema")).toEqual([]);
    const customKeys = new Set(
      Object.keys(schema.definitions.customManagers?.items?.allOf?.[0]?.properties ?? {}),
    );
    for (const manager of config.customManagers)
      expect(Object.keys(manager).filter((k) => !customKeys.has(k))).toEqual([]);
  });

  it("finds versions of every kind the repository uses (the scan itself works)", () => {
    const kinds = new Set(locations.map((l) => l.kind));
    expect([...kinds].sort()).toEqual(
      [
        "docker-compose",
        "dockerfile",
        "github-actions",
        "helm-chart",
        "helm-values-image",
        "image-in-code",
        "kubernetes",
        "npm",
        "nvm",
      ].sort(),
    );
  });

  it("reads every place a version lives with one of its managers", () => {
    expect(uncovered(config, locations)).toEqual([]);
  });

  it("extracts each chart's name, version and repository for the helm datasource", () => {
    const charts = config.customManagers.find((m) => m.datasourceTemplate === "helm");
    const files = [...new Set(locations.filter((l) => l.kind === "helm-chart").map((l) => l.file))];
    expect(files).toContain("infra/cluster/src/charts.ts");
    const found = files.flatMap((file) =>
      charts ? extracted(charts, readFileSync(join(REPO_ROOT, file), "utf8")) : [],
    );
    expect(found).toHaveLength(locations.filter((l) => l.kind === "helm-chart").length);
    for (const groups of found) {
      expect(groups.depName).toMatch(/^[a-z0-9-]+$/);
      expect(groups.registryUrl).toMatch(/^https:\/\//);
    }
  });

  it("pins actions by commit SHA with the version as a comment, the form Renovate keeps up to date", () => {
    const actions = locations.filter((l) => l.kind === "github-actions");
    expect(actions.length).toBeGreaterThan(0);
    expect(
      actions.filter((l) => !/@[0-9a-f]{40}\s+#\s*v?\d/.test(l.text)).map((l) => l.text),
    ).toEqual([]);
  });

  it("would report a version no manager reads", () => {
    const withoutKubernetes = readConfig();
    withoutKubernetes.enabledManagers = withoutKubernetes.enabledManagers.filter(
      (m) => m !== "kubernetes",
    );
    expect(uncovered(withoutKubernetes, locations).join("\n")).toContain("(kubernetes)");
    const narrowCharts = readConfig();
    narrowCharts.customManagers = narrowCharts.customManagers.map((m) => ({
      ...m,
      matchStrings: m.matchStrings.map((s) => s.replace("version:", "tag:")),
    }));
    expect(uncovered(narrowCharts, locations).join("\n")).toContain("(helm-chart)");
  });
});
