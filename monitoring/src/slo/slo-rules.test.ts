import { describe, expect, it } from "vitest";
import { shortlinksSlos } from "./shortlinks-slos.js";
import { decidableCheck, expectedSeverities, SCENARIOS, sloRuleTests } from "./slo-rule-tests.js";
import {
  BURN_RATE_CONDITIONS,
  SLI_WINDOWS,
  sloRuleGroups,
  type AlertingRule,
  type RecordingRule,
} from "./slo-rules.js";
import type { SloSpec } from "./slo-spec.js";

const HOURS = { "1h": 1, "6h": 6, "1d": 24, "3d": 72 } as const;
/** A spec of the generator's own, so that its shape is tested whatever the application's SLOs. */
const SPEC: SloSpec = {
  service: "example-api",
  labels: {},
  slos: [
    {
      name: "example-availability",
      description: "99.9 % of calls succeed.",
      objective: 99.9,
      sli: { kind: "availability", requests: { route: { equals: "/example" } } },
      alerting: { name: "ExampleBudgetBurn", summary: "Failing.", impact: "None." },
    },
  ],
};
const slo = SPEC.slos[0]!;

describe("burn-rate conditions", () => {
  it("spend 2 %, 5 %, 10 % and 10 % of a 30-day budget over their long windows (SRE workbook)", () => {
    const spent = BURN_RATE_CONDITIONS.map((c) =>
      Number(((c.factor * HOURS[c.long]) / (30 * 24)).toFixed(3)),
    );
    expect(spent).toEqual([0.02, 0.05, 0.1, 0.1]);
  });

  it("pair each long window with a short one of a twelfth of it", () => {
    const minutes = { "5m": 5, "30m": 30, "1h": 60, "2h": 120, "6h": 360, "1d": 1440, "3d": 4320 };
    for (const c of BURN_RATE_CONDITIONS) expect(minutes[c.long] / minutes[c.short]).toBe(12);
  });
});

describe("generated rules", () => {
  const groups = sloRuleGroups(SPEC, slo);
  const rules = groups.flatMap((g) => g.rules);

  it("record the error ratio over every window plus the 30-day period", () => {
    const records = rules.filter((r): r is RecordingRule => "record" in r).map((r) => r.record);
    for (const window of [...SLI_WINDOWS, "30d"])
      expect(records).toContain(`slo:sli_error:ratio_rate${window}`);
    expect(records).toContain("slo:period_error_budget_remaining:ratio");
  });

  it("page on (5m and 1h > 14.4 x budget) or (30m and 6h > 6 x budget), ticket on the slower pairs", () => {
    const alerts = rules.filter((r): r is AlertingRule => "alert" in r);
    const page = alerts.find((a) => a.labels.severity === "page")?.expr ?? "";
    const ticket = alerts.find((a) => a.labels.severity === "ticket")?.expr ?? "";
    expect(page).toMatch(
      /ratio_rate5m\{[^}]+\} > \(14\.4 \* 0\.001\)\s+and\s+slo:sli_error:ratio_rate1h\{[^}]+\} > \(14\.4 \* 0\.001\)/,
    );
    expect(page).toMatch(
      /ratio_rate30m\{[^}]+\} > \(6 \* 0\.001\)\s+and\s+slo:sli_error:ratio_rate6h/,
    );
    expect(ticket).toMatch(
      /ratio_rate2h\{[^}]+\} > \(3 \* 0\.001\)\s+and\s+slo:sli_error:ratio_rate1d/,
    );
    expect(ticket).toMatch(
      /ratio_rate6h\{[^}]+\} > \(1 \* 0\.001\)\s+and\s+slo:sli_error:ratio_rate3d/,
    );
  });

  it("substitute every window into the SLI queries", () => {
    for (const rule of rules) expect(rule.expr).not.toContain("{{.window}}");
  });
});

describe("the expectation oracle", () => {
  const day = 1440;
  it("expects a page for an outage, a ticket for a slow burn, nothing for a healthy day", () => {
    expect(
      expectedSeverities(
        [
          { minutes: 3 * day, badFraction: 0 },
          { minutes: 15, badFraction: 1 },
        ],
        3 * day + 15,
        0.001,
      ),
    ).toContain("page");
    expect(
      expectedSeverities(
        [
          { minutes: 2 * day, badFraction: 0 },
          { minutes: day, badFraction: 0.005 },
        ],
        3 * day,
        0.001,
      ),
    ).toEqual(["ticket"]);
    expect(expectedSeverities([{ minutes: day, badFraction: 0.0005 }], day, 0.001)).toEqual([]);
  });

  it("moves a check off a threshold that another objective puts it on, and never onto one", () => {
    // A 15-minute outage after three healthy days: 10 bad minutes in the 6 h window are 0.028,
    // the 99.5 % ticket threshold (6 x 0.005) within 15 %; at 99.9 % the same minute is clear.
    const outage = SCENARIOS(0.005).find((s) => s.description.includes("outage"))!;
    const check = 3 * 24 * 60 + 15;
    expect(() => expectedSeverities(outage.segments, check, 0.005)).toThrow(/borderline/);
    const moved = decidableCheck(outage.segments, check, 0.005);
    expect(moved).toBeGreaterThan(check);
    expect(() => expectedSeverities(outage.segments, moved, 0.005)).not.toThrow();
    expect(decidableCheck(outage.segments, check, 0.001)).toBe(check);
    expect(() => decidableCheck([{ minutes: 600, badFraction: 0.0145 }], 60, 0.001)).toThrow(
      /borderline/,
    );
  });

  it("refuses a borderline scenario", () => {
    expect(() => expectedSeverities([{ minutes: 120, badFraction: 0.0145 }], 60, 0.001)).toThrow(
      /borderline/,
    );
  });

  it.each(shortlinksSlos.slos.map((s) => [s.name, s] as const))(
    "gives %s scenarios that page, that open a ticket, and that stay silent",
    (_name, each) => {
      const budget = 1 - each.objective / 100;
      const outcomes = SCENARIOS(budget).flatMap((s) =>
        s.checks.map((m) =>
          expectedSeverities(s.segments, decidableCheck(s.segments, m, budget), budget).join("+"),
        ),
      );
      expect(outcomes).toContain("");
      expect(outcomes.some((o) => o.includes("page"))).toBe(true);
      expect(outcomes).toContain("ticket");
      expect(sloRuleTests(shortlinksSlos, each, "x.yml").tests.length).toBe(
        SCENARIOS(budget).length + 2,
      );
    },
  );
});
