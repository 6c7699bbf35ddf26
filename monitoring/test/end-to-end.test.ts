import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { APP_TRAFFIC } from "@fil-rouge/loadgen/app-traffic";
import { HttpClient } from "@fil-rouge/loadgen/http-client";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDashboards } from "../src/dashboards/all-dashboards.js";
import { panelQueries } from "../src/dashboards/panel-kit.js";
import { MONITORING_DIR } from "../src/generated-files.js";
import type { RuleGroup } from "../src/slo/slo-rules.js";
import { shortlinksSlos } from "../src/slo/shortlinks-slos.js";
import { API_TOKEN, startApi } from "./support/api-process.js";
import { startPrometheus } from "./support/prometheus-process.js";
import { missing, onPath } from "./support/tools.js";

// End to end: the built API, real traffic, a real Prometheus with the project's config and rules.
const enabled = onPath("prometheus", "the end-to-end test with a real Prometheus");
let api: Awaited<ReturnType<typeof startApi>> | undefined;
let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
let traffic: NodeJS.Timeout | undefined;
const clients: HttpClient[] = [];
const auth = { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" };

/**
 * The application's traffic (apps/loadgen/src/traffic/app-traffic.ts): every operation it
 * describes once per round, so that every panel has data, and one write without the token (a 401
 * for the security panel), every 100 ms.
 */
async function startTraffic(url: string): Promise<NodeJS.Timeout> {
  const withToken = new HttpClient(url, API_TOKEN, 32);
  const anonymous = new HttpClient(url, undefined, 4);
  clients.push(withToken, anonymous);
  const session = APP_TRAFFIC.session(withToken, Math.random);
  await session.seed();
  const refused = APP_TRAFFIC.session(anonymous, Math.random);
  const write = APP_TRAFFIC.operations.find((operation) => operation.writes);
  return setInterval(() => {
    for (const { name } of APP_TRAFFIC.operations) session.perform(name).catch(() => 0);
    if (write) refused.perform(write.name).catch(() => 0);
  }, 100);
}

beforeAll(async () => {
  if (!enabled) return;
  api = await startApi();
  traffic = await startTraffic(api.url);
  prometheus = await startPrometheus(api.url);
}, 120_000);

afterAll(async () => {
  clearInterval(traffic);
  for (const client of clients) await client.close();
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

  it("sees an availability SLO's 5-minute error ratio cross the page threshold after 50 % errors are injected", async (ctx) => {
    if (!prometheus || !api) return ctx.skip(missing("prometheus", "prometheus"));
    const injected = await fetch(`${api.url}/api/faults`, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify({ errorRate: 0.5, durationSeconds: 120 }),
    });
    expect(injected.status).toBe(200);
    // The first availability SLO (monitoring/src/slo/shortlinks-slos.ts): every route gets errors.
    const slo = shortlinksSlos.slos.find(({ sli }) => sli.kind === "availability");
    if (!slo) throw new Error("the SLO spec has no availability SLO");
    const threshold = 14.4 * (1 - slo.objective / 100);
    const ratio = await prometheus.waitFor(
      `the ${slo.name} error ratio to cross 14.4 x budget`,
      async () => {
        const result = await prometheus?.query(`slo:sli_error:ratio_rate5m{slo="${slo.name}"}`);
        const value = Number(result?.[0]?.value[1]);
        return value > threshold ? value : undefined;
      },
    );
    expect(ratio).toBeGreaterThan(threshold);
    await fetch(`${api.url}/api/faults`, { method: "DELETE", headers: auth });
  }, 120_000);
});
