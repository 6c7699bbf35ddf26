import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDashboards } from "../src/dashboards/all-dashboards.js";
import { panelQueries } from "../src/dashboards/panel-kit.js";
import { MONITORING_DIR } from "../src/generated-files.js";
import type { RuleGroup } from "../src/slo/slo-rules.js";
import { API_TOKEN, startApi } from "./support/api-process.js";
import { startPrometheus } from "./support/prometheus-process.js";
import { missing, onPath } from "./support/tools.js";

// End to end: the built API, real traffic, a real Prometheus with the project's config and rules.
const enabled = onPath("prometheus", "the end-to-end test with a real Prometheus");
let api: Awaited<ReturnType<typeof startApi>> | undefined;
let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
let traffic: NodeJS.Timeout | undefined;

const auth = { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" };

async function sendTraffic(base: string, round: number): Promise<void> {
  const calls = [
    fetch(`${base}/api/links`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ url: `https://example.org/${round}` }),
    }),
    fetch(`${base}/e2e-link`, { redirect: "manual" }),
    fetch(`${base}/e2e-link`, { redirect: "manual" }),
    fetch(`${base}/api/links?limit=5`),
    fetch(`${base}/unknown-${round % 3}`),
    fetch(`${base}/api/links`, { method: "POST", body: "{}" }), // 401: feeds the security panel
  ];
  await Promise.allSettled(calls.map((c) => c.then((r) => r.arrayBuffer())));
}

beforeAll(async () => {
  if (!enabled) return;
  api = await startApi();
  await fetch(`${api.url}/api/links`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ url: "https://example.org/e2e", slug: "e2e-link" }),
  });
  let round = 0;
  const base = api.url;
  traffic = setInterval(() => void sendTraffic(base, round++), 100);
  prometheus = await startPrometheus(api.url);
}, 120_000);

afterAll(async () => {
  clearInterval(traffic);
  await prometheus?.stop();
  await api?.stop();
});

const recordingRules = readdirSync(join(MONITORING_DIR, "prometheus/rules"))
  .filter((f) => f.endsWith(".yml"))
  .flatMap(
    (f) =>
      (
        parse(readFileSync(join(MONITORING_DIR, "prometheus/rules", f), "utf8")) as {
          groups: RuleGroup[];
        }
      ).groups,
  )
  .flatMap((g) => g.rules)
  .flatMap((r) => ("record" in r ? [{ record: r.record, labels: r.labels ?? {} }] : []));

// Grafana's interval variables, given the values Grafana would pick at a 1-second scrape interval.
const grafanaVariables = (expr: string) => expr.replaceAll("$__rate_interval", "30s");

describe("with a real Prometheus", () => {
  it("scrapes the API", async (ctx) => {
    if (!prometheus) return ctx.skip(missing("prometheus", "prometheus"));
    const up = await prometheus.waitFor("the API target to be up", async () => {
      const result = await prometheus?.query('up{job="shortlinks-api"}');
      return result?.[0]?.value[1] === "1" ? result : undefined;
    });
    expect(up).toHaveLength(1);
  });

  it("returns a sample for every recording rule", async (ctx) => {
    if (!prometheus) return ctx.skip(missing("prometheus", "prometheus"));
    expect(recordingRules.length).toBeGreaterThan(40);
    for (const { record, labels } of recordingRules) {
      const selector = `${record}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(",")}}`;
      await prometheus.waitFor(`a sample of ${selector}`, async () => {
        const result = await prometheus?.query(selector);
        return result && result.length > 0 ? result : undefined;
      });
    }
  }, 120_000);

  it("answers every dashboard panel's query with data (or names the panel empty by design)", async (ctx) => {
    if (!prometheus) return ctx.skip(missing("prometheus", "prometheus"));
    const emptyByDesign: string[] = [];
    for (const { file, panels } of allDashboards) {
      for (const { title, expr, emptyWhenHealthy } of panelQueries(panels)) {
        const promql = grafanaVariables(expr);
        if (emptyWhenHealthy) {
          await prometheus.query(promql); // must still parse and run
          emptyByDesign.push(`${file}: ${title}`);
          continue;
        }
        await prometheus.waitFor(
          `data for "${title}" (${file}): ${promql}`,
          async () => {
            const result = await prometheus?.query(promql);
            return result?.some((r) => r.value[1] !== "NaN") ? result : undefined;
          },
          45,
        );
      }
    }
    // Firing alerts and rejected calls are empty when all is well; nothing else may be.
    expect(emptyByDesign.every((p) => /alerts firing|Rejected calls/.test(p))).toBe(true);
  }, 180_000);

  it("sees the 5-minute error ratio cross the page threshold after 50 % errors are injected", async (ctx) => {
    if (!prometheus || !api) return ctx.skip(missing("prometheus", "prometheus"));
    const injected = await fetch(`${api.url}/api/faults`, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify({ errorRate: 0.5, durationSeconds: 120 }),
    });
    expect(injected.status).toBe(200);
    const threshold = 14.4 * 0.001;
    const ratio = await prometheus.waitFor(
      "the redirect error ratio to cross 14.4 x budget",
      async () => {
        const result = await prometheus?.query(
          'slo:sli_error:ratio_rate5m{slo="redirect-availability"}',
        );
        const value = Number(result?.[0]?.value[1]);
        return value > threshold ? value : undefined;
      },
    );
    expect(ratio).toBeGreaterThan(threshold);
    await fetch(`${api.url}/api/faults`, { method: "DELETE", headers: auth });
  }, 120_000);
});
