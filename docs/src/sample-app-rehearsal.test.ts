// The rehearsal of a fork's main move: on a copy of the tree, the sample application is replaced
// by a second one (docs/rehearsal/second-app: one route, one table, two SLOs) through the steps of
// docs/fork.md, and the generic parts are tested around it: the API core (its remaining tests and
// the second app's own, through the same harness), the traffic sources on its own traffic
// description (load generator, steady traffic, smoke test), monitoring's SLO rules under promtool,
// and the Kubernetes manifests. About 5 minutes in CI (npm ci and the image build in the copy
// included).
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, matchesGlob } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./competency-map.js";
import { copyTree, IN_REHEARSAL, install, runIn } from "./rehearsal.js";
import { forkList } from "./fork-list.js";
import { trackedFiles } from "./tracked-files.js";

const FIXTURE = join(REPO_ROOT, "docs/rehearsal/second-app");

/** The folders of the sample app that go whole; its other listed files are edited, not removed. */
const SAMPLE_FOLDERS = [
  "apps/api/src/links/**",
  "apps/api/src/home/**",
  "apps/api/bench/**",
  "apps/api/migrations/**",
];
const GENERATED_SLO_FILES = [
  "monitoring/prometheus/rules/slo-*.yml",
  "monitoring/prometheus/tests/slo-*.test.yml",
];

/** docs/fork.md's steps, applied to `copy`. */
export function replaceSampleApp(copy: string): string[] {
  const listed = forkList(readFileSync(join(copy, "docs/fork.md"), "utf8"), "sample-app");
  const removed = trackedFiles(copy).filter(
    (path) =>
      SAMPLE_FOLDERS.some((glob) => matchesGlob(path, glob)) ||
      GENERATED_SLO_FILES.some((glob) => matchesGlob(path, glob)) ||
      // The tests of the sample itself (its routes, its traffic): listed because they name its
      // domain. The second app brings its own.
      (/^apps\/(api|loadgen)\//.test(path) &&
        path.endsWith(".test.ts") &&
        listed.some((glob) => matchesGlob(path, glob))),
  );
  for (const path of removed) rmSync(join(copy, path));
  cpSync(FIXTURE, copy, { recursive: true });
  // The seam's exports, pointed at the second app's (docs/fork.md, step 3).
  pointExport(
    copy,
    "apps/api/src/feature.ts",
    "createFeature",
    "createNotesFeature",
    "./notes/notes-feature.js",
  );
  pointExport(
    copy,
    "apps/api/src/feature.ts",
    "featureSettings",
    "notesSettings",
    "./notes/notes-settings.js",
  );
  pointExport(
    copy,
    "apps/api/src/fault-scenarios.ts",
    "FAULT_SCENARIOS",
    "NOTES_FAULT_SCENARIOS",
    "./notes/fault-scenarios.js",
  );
  return removed;
}

/** Rewrites `export { x as name } from "…";` in `file` to export `local` from `module`. */
function pointExport(
  copy: string,
  file: string,
  name: string,
  local: string,
  module: string,
): void {
  const path = join(copy, file);
  const line = new RegExp(`^export \\{ \\w+ as ${name} \\} from "[^"]+";$`, "m");
  const text = readFileSync(path, "utf8");
  if (!line.test(text)) throw new Error(`${file} no longer exports ${name} on one line`);
  writeFileSync(path, text.replace(line, `export { ${local} as ${name} } from "${module}";`));
}

/** The copy's vitest, run in one of its workspaces. */
const vitestIn = (copy: string, workspace: string, args: string[] = []) =>
  runIn(copy, workspace, join(copy, "node_modules/.bin/vitest"), ["run", ...args]);

describe.skipIf(IN_REHEARSAL)("a second application in place of the sample one", () => {
  let copy = "";
  let removed: string[] = [];
  beforeAll(() => {
    copy = copyTree(REPO_ROOT, "second-app-");
    const installed = install(copy);
    expect(installed.status, installed.tail).toBe(0);
    removed = replaceSampleApp(copy);
  }, 600_000);

  it("follows the steps: the sample's folders and tests go, the new feature is the one wired", () => {
    expect(removed).toContain("apps/api/src/links/links-feature.ts");
    expect(removed).toContain("apps/api/test/link-replicas.test.ts");
    expect(removed).toContain("apps/loadgen/src/traffic/app-traffic.test.ts");
    expect(readFileSync(join(copy, "apps/api/src/feature.ts"), "utf8")).toContain(
      "./notes/notes-feature.js",
    );
    // The generic parts' tests stay, around the harness's own application.
    expect(removed).not.toContain("apps/api/src/ops/ops-routes.test.ts");
    expect(removed).not.toContain("apps/api/src/faults/fault-injector.test.ts");
  });

  it("compiles the API core around it: nothing generic imports the sample", () => {
    const tsc = runIn(copy, "apps/api", join(copy, "node_modules/.bin/tsc"), [
      "-p",
      "tsconfig.json",
      "--noEmit",
    ]);
    expect(tsc.status, tsc.tail).toBe(0);
  }, 300_000);

  it("passes the API's remaining tests and the second app's own", () => {
    const vitest = vitestIn(copy, "apps/api");
    expect(vitest.output).toMatch(/notes-feature\.test\.ts/);
    expect(vitest.output).toMatch(/ops-routes\.test\.ts/);
    expect(vitest.output).toMatch(/panel-routes\.test\.ts/);
    expect(vitest.output).toMatch(/fault-panel\.test\.ts/);
    expect(vitest.output).toMatch(/request-validation\.fuzz\.test\.ts/);
    expect(vitest.status, vitest.tail).toBe(0);
  }, 600_000);

  it("generates rules from its SLOs that promtool's tests accept", () => {
    const generate = runIn(copy, "monitoring", "npm", ["run", "generate"]);
    expect(generate.status, generate.tail).toBe(0);
    expect(
      readFileSync(join(copy, "monitoring/prometheus/rules/slo-notes-availability.yml"), "utf8"),
    ).toContain('route="/api/notes"');
    const vitest = vitestIn(copy, "monitoring", ["src/slo", "test/promtool.test.ts"]);
    expect(vitest.status, vitest.tail).toBe(0);
  }, 600_000);

  it("sends its traffic: the load generator's, the steady traffic's and the smoke test's generic tests pass on its description", () => {
    // Those tests start the built API (@fil-rouge/api/process): built with the second app.
    const build = runIn(copy, "apps/api", "npm", ["run", "build"]);
    expect(build.status, build.tail).toBe(0);
    const tsc = runIn(copy, "apps/loadgen", join(copy, "node_modules/.bin/tsc"), [
      "-p",
      "tsconfig.json",
      "--noEmit",
    ]);
    expect(tsc.status, tsc.tail).toBe(0);
    const loadgen = vitestIn(copy, "apps/loadgen");
    expect(loadgen.output).toMatch(/load-generator\.test\.ts/);
    expect(loadgen.status, loadgen.tail).toBe(0);
    const smoke = vitestIn(copy, "apps/demo", ["src/smoke.test.ts"]);
    expect(smoke.status, smoke.tail).toBe(0);
  }, 600_000);

  it("renders and checks the Kubernetes manifests unchanged", () => {
    const vitest = vitestIn(copy, "k8s");
    expect(vitest.status, vitest.tail).toBe(0);
  }, 600_000);
});
