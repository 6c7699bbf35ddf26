import { createServer, type Server } from "node:http";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "../../test/support/test-config.js";
import { createProbeApp, type TestApp } from "../../test/support/app-harness.js";
import { PROBE_SCENARIOS } from "../../test/support/probe-feature.js";
import type { Feature } from "../feature.js";
import type { PanelStatus } from "./panel-status.js";

// A stand-in for Prometheus' HTTP API and the demo's notification receiver, over real HTTP: the
// browser test (test/fault-panel.test.ts) runs the real Prometheus.
const PROMETHEUS_ALERTS = {
  status: "success",
  data: {
    alerts: [
      {
        labels: { alertname: "SomeBudgetBurn", severity: "page", slo: "a" },
        state: "firing",
        activeAt: "2026-11-30T01:00:00Z",
      },
      {
        labels: { alertname: "SomeBudgetBurn", severity: "page", slo: "b" },
        state: "firing",
        activeAt: "2026-11-30T01:00:01Z",
      },
      {
        labels: { alertname: "SlowBurn", severity: "ticket" },
        state: "pending",
        activeAt: "2026-11-30T01:00:02Z",
      },
      { labels: { alertname: "Gone" }, state: "inactive" },
    ],
  },
};
const BUDGETS = {
  status: "success",
  data: {
    resultType: "vector",
    result: [
      { metric: { slo: "b-latency" }, value: [1, "0.25"] },
      { metric: { slo: "a-availability" }, value: [1, "-1.5"] },
      { metric: { slo: "no-traffic" }, value: [1, "NaN"] },
    ],
  },
};
const NOTIFICATIONS = [
  {
    receivedAt: "2026-11-30T01:00:00.000Z",
    receiver: "page",
    status: "firing",
    alertname: "SomeBudgetBurn",
    severity: "page",
    summary: "burning",
    runbook: "https://example.org/runbooks/SomeBudgetBurn.md",
    startsAt: "",
    endsAt: "",
  },
  {
    receivedAt: "2026-11-30T01:05:00.000Z",
    receiver: "page",
    status: "resolved",
    alertname: "SomeBudgetBurn",
    severity: "page",
    summary: "burning",
    runbook: "javascript:alert(1)",
    startsAt: "",
    endsAt: "",
  },
];

let stub: Server;
let stubUrl: string;
const queries: string[] = [];
let t: TestApp<Feature>;
let off: TestApp<Feature>;

beforeAll(async () => {
  stub = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const json = (body: unknown) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname === "/prom/api/v1/alerts") json(PROMETHEUS_ALERTS);
    else if (url.pathname === "/prom/api/v1/query") {
      queries.push(url.searchParams.get("query") ?? "");
      json(BUDGETS);
    } else if (url.pathname === "/notifications") json(NOTIFICATIONS);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  stubUrl = `http://127.0.0.1:${String((stub.address() as { port: number }).port)}`;
  t = await createProbeApp(
    {
      FAULTS_ENABLED: "true",
      PROMETHEUS_URL: `${stubUrl}/prom`,
      NOTIFICATIONS_URL: `${stubUrl}/notifications`,
    },
    { random: () => 0.3 },
  );
  off = await createProbeApp();
});
afterAll(async () => {
  await t.close();
  await off.close();
  await new Promise((resolve) => stub.close(resolve));
});

const status = async (app: TestApp<Feature>) =>
  (await request(app.app).get("/api/panel/status").expect(200)).body as PanelStatus;

describe("the fault panel on the home page", () => {
  it("has one button per scenario of the application's list, with its fault API call, and clear", async () => {
    const res = await request(t.app).get("/").expect(200);
    for (const scenario of PROBE_SCENARIOS) {
      const button = new RegExp(
        `<button type="button" name="${scenario.name}" data-path="${scenario.inject.path}" data-body="([^"]*)"`,
      ).exec(res.text);
      expect(button, scenario.name).not.toBeNull();
      const body = JSON.parse((button?.[1] ?? "").replaceAll("&quot;", '"')) as Record<
        string,
        unknown
      >;
      expect(body).toMatchObject(scenario.inject.body);
      expect(body.durationSeconds).toBeGreaterThan(0);
    }
    expect(res.text).toContain('name="clear"');
    expect(res.text).toContain('<input name="token" type="password"');
    expect(res.text).toContain('<script src="/assets/panel.js" defer></script>');
  });

  it("serves its script from the API's own origin, polling only the API", async () => {
    const js = await request(t.app).get("/assets/panel.js").expect(200);
    expect(js.headers["content-type"]).toMatch(/javascript/);
    expect(js.text).toContain('fetch("/api/panel/status"');
    expect(js.text).not.toMatch(/https?:\/\//);
    const css = await request(t.app).get("/assets/panel.css").expect(200);
    expect(css.headers["content-type"]).toMatch(/css/);
  });

  it("is not there when faults are off: no panel, no status endpoint", async () => {
    const home = await request(off.app).get("/").expect(200);
    expect(home.text).not.toContain("fault-panel");
    await request(off.app).get("/api/panel/status").expect(404);
  });
});

describe("GET /api/panel/status", () => {
  it("shows the error ratio of the app's own traffic rise once a fault is in, not its own polling", async () => {
    const first = await status(t);
    expect(first.faults).toEqual([]);
    for (let i = 0; i < 6; i++) await request(t.app).get("/api/items/1").expect(200);
    await request(t.app)
      .put("/api/faults")
      .set(auth)
      .send({ errorRate: 0.5, durationSeconds: 60 })
      .expect(200);
    for (let i = 0; i < 6; i++) await request(t.app).get("/api/items/1").expect(500);
    for (let i = 0; i < 20; i++) await status(t); // polling is not traffic
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = await status(t);
    expect(second.faults).toEqual([{ type: "errors", expiresAt: expect.any(String) as string }]);
    expect(second.traffic?.errorRatio).toBe(0.5);
    expect(second.traffic?.requestsPerSecond).toBeGreaterThan(0);
    expect(second.traffic?.p99Seconds).toBeGreaterThan(0);
    await request(t.app).delete("/api/faults").set(auth).expect(200);
    expect((await status(t)).faults).toEqual([]);
  });

  it("lists Prometheus' firing and pending alerts once each, and each SLO's budget left", async () => {
    const { prometheus } = await status(t);
    expect(queries).toContain("slo:period_error_budget_remaining:ratio");
    expect(prometheus).toEqual({
      alerts: [
        {
          name: "SomeBudgetBurn",
          severity: "page",
          state: "firing",
          since: "2026-11-30T01:00:00Z",
        },
        { name: "SlowBurn", severity: "ticket", state: "pending", since: "2026-11-30T01:00:02Z" },
      ],
      errorBudgets: [
        { slo: "a-availability", remaining: -1.5 },
        { slo: "b-latency", remaining: 0.25 },
      ],
    });
  });

  it("lists the notifications received, newest first, and drops a runbook that is not http(s)", async () => {
    const { notifications } = await status(t);
    expect(notifications).toEqual({
      items: [
        expect.objectContaining({ status: "resolved", alertname: "SomeBudgetBurn", runbook: "" }),
        expect.objectContaining({
          status: "firing",
          runbook: "https://example.org/runbooks/SomeBudgetBurn.md",
        }),
      ],
    });
  });

  it("says which source did not answer, and still answers 200 with the rest", async () => {
    const down = await createProbeApp({
      FAULTS_ENABLED: "true",
      PROMETHEUS_URL: `${stubUrl}/nowhere`,
      NOTIFICATIONS_URL: "http://127.0.0.1:1/notifications",
    });
    try {
      const s = await status(down);
      expect(s.prometheus).toEqual({
        error: expect.stringMatching(/^Prometheus at .*nowhere.*404/) as string,
      });
      expect(s.notifications).toEqual({
        error: expect.stringMatching(/^notification receiver at /) as string,
      });
    } finally {
      await down.close();
    }
  });

  it("says null for what is not configured", async () => {
    const plain = await createProbeApp({ FAULTS_ENABLED: "true" });
    try {
      const s = await status(plain);
      expect(s.prometheus).toBeNull();
      expect(s.notifications).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
