import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { MONITORING_DIR } from "../src/generated-files.js";
import type { AlertingRule, RecordingRule, RuleGroup } from "../src/slo/slo-rules.js";
import { exploreUrl } from "../src/dashboards/log-panels.js";
import { logQueryProblems } from "./support/logql.js";

const REPO_ROOT = join(MONITORING_DIR, "..");
const read = (path: string): unknown => parse(readFileSync(path, "utf8"));
const ruleFiles = readdirSync(join(MONITORING_DIR, "prometheus/rules")).filter((f) =>
  f.endsWith(".yml"),
);
const rules = ruleFiles.flatMap((f) =>
  (read(join(MONITORING_DIR, "prometheus/rules", f)) as { groups: RuleGroup[] }).groups.flatMap(
    (g) => g.rules,
  ),
);
const alerts = rules.filter((r): r is AlertingRule => "alert" in r);
const recordings = rules.filter((r): r is RecordingRule => "record" in r);

interface AlertTest {
  alertname: string;
  exp_alerts: { exp_labels: Record<string, string> }[];
}
interface UnitTestFile {
  tests: { alert_rule_test?: AlertTest[]; promql_expr_test?: { expr: string }[] }[];
}
const unitTests = readdirSync(join(MONITORING_DIR, "prometheus/tests"))
  .filter((f) => f.endsWith(".test.yml"))
  .flatMap((f) => (read(join(MONITORING_DIR, "prometheus/tests", f)) as UnitTestFile).tests);
const alertTests = unitTests.flatMap((t) => t.alert_rule_test ?? []);
const exprTests = unitTests.flatMap((t) => t.promql_expr_test ?? []).map((t) => t.expr);

describe("every alert", () => {
  it.each(alerts.map((a) => [`${a.alert} (${a.labels.severity ?? "?"})`, a] as const))(
    "%s has a severity, a summary, a description and a runbook that exists",
    (_name, alert) => {
      expect(["page", "ticket"]).toContain(alert.labels.severity);
      expect(alert.annotations.summary?.length).toBeGreaterThan(10);
      expect(alert.annotations.description?.length).toBeGreaterThan(20);
      const runbook = /\/(docs\/runbooks\/[A-Za-z]+\.md)$/.exec(
        alert.annotations.runbook_url ?? "",
      )?.[1];
      expect(runbook).toBe(`docs/runbooks/${alert.alert}.md`);
      expect(existsSync(join(REPO_ROOT, runbook ?? "missing")), `${runbook} exists`).toBe(true);
    },
  );

  it.each(alerts.map((a) => [a.alert, a] as const))(
    "%s's runbook gives the log query to run, in LogQL the shippers' labels can answer",
    (name) => {
      const runbook = readFileSync(join(REPO_ROOT, `docs/runbooks/${name}.md`), "utf8");
      const query = /^\*\*Logs:\*\* `([^`]+)`/m.exec(runbook)?.[1];
      expect(query, "a line **Logs:** `<LogQL>`").toBeDefined();
      expect(logQueryProblems(query ?? "")).toEqual([]);
      expect(runbook, "a link to the query in Grafana Explore").toContain(
        `[Open in Grafana Explore](${exploreUrl(query ?? "")})`,
      );
    },
  );

  it.each(alerts.map((a) => [`${a.alert} (${a.labels.severity ?? "?"})`, a] as const))(
    "%s has a unit test where it fires and one where it stays silent",
    (_name, alert) => {
      const mine = alertTests.filter((t) => t.alertname === alert.alert);
      const fires = mine.some((t) =>
        t.exp_alerts.some((e) => e.exp_labels.severity === alert.labels.severity),
      );
      const silent = mine.some((t) => t.exp_alerts.length === 0);
      expect(fires, "a test where it fires").toBe(true);
      expect(silent, "a test where it stays silent").toBe(true);
    },
  );
});

describe("every recording rule", () => {
  it.each([...new Set(recordings.map((r) => r.record))])("%s has an expression test", (record) => {
    expect(exprTests.some((expr) => expr.includes(record))).toBe(true);
  });
});
