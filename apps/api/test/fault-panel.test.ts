// The home page's fault panel in a real browser: the system Chromium, driven by puppeteer-core
// (which never downloads one), against the real service listening on a port, around the test
// harness's own application (a fork keeps this test whatever its application). With Debian's
// prometheus, a real Prometheus scrapes that service and the panel shows the alert it fires.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { locate } from "@fil-rouge/toolchain/machine-tools";
import { needs } from "@fil-rouge/toolchain/skips";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type RunningService } from "../src/server.js";
import { PROBE_APPLICATION, PROBE_ROUTES } from "./support/probe-feature.js";
import { TEST_TOKEN, testConfig } from "./support/test-config.js";
import { silentLogger } from "./support/test-database.js";

const withBrowser = needs(
  "chromium",
  "the fault panel in a real browser (test/fault-panel.test.ts)",
);
const withPrometheus =
  withBrowser && needs("prometheus", "the fault panel showing a real Prometheus alert");

// The panel shows whatever Prometheus fires: a rule of the test's own, so that it fires within
// seconds (the project's burn-rate rules firing on this fault are proven by apps/demo's
// notifications test), and a budget series named like the generated SLO rules'.
const RULES = `groups:
  - name: fault-panel-test
    rules:
      - alert: PanelTestErrorRatioHigh
        expr: sum(rate(http_request_duration_seconds_count{status_code=~"5.."}[10s])) / sum(rate(http_request_duration_seconds_count[10s])) > 0.05
        labels: { severity: page }
      - record: slo:period_error_budget_remaining:ratio
        expr: 1 - ((sum(rate(http_request_duration_seconds_count{status_code=~"5.."}[10s])) or vector(0)) / sum(rate(http_request_duration_seconds_count[10s]))) / 0.001
        labels: { slo: panel-test }
`;

// What the demo's notification receiver answers on GET /notifications (one firing alert).
const NOTIFICATION = {
  receivedAt: "2026-11-30T10:11:12.000Z",
  receiver: "page",
  status: "firing",
  alertname: "PanelTestErrorRatioHigh",
  severity: "page",
  summary: "Too many errors.",
  runbook: "https://example.org/runbooks/PanelTestErrorRatioHigh.md",
  startsAt: "2026-11-30T10:11:00.000Z",
  endsAt: "0001-01-01T00:00:00Z",
};

const work = mkdtempSync(join(tmpdir(), "fault-panel-"));
let api: RunningService | undefined;
let prometheus: ChildProcess | undefined;
let receiver: Server | undefined;
let browser: Browser | undefined;
let traffic: NodeJS.Timeout | undefined;
const browserErrors: string[] = [];

beforeAll(async () => {
  if (!withBrowser) return;
  receiver = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([NOTIFICATION]));
  });
  await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
  const receiverPort = (receiver.address() as { port: number }).port;
  const promPort = await freePort();
  api = await startService(
    testConfig({
      FAULTS_ENABLED: "true",
      SHUTDOWN_DELAY_MS: "0",
      NOTIFICATIONS_URL: `http://127.0.0.1:${receiverPort}/notifications`,
      PROMETHEUS_URL: withPrometheus ? `http://127.0.0.1:${promPort}` : "",
    }),
    silentLogger,
    { application: PROBE_APPLICATION },
  );
  // A database read: the errors scenario fails half of them.
  const target = `${api.url}${PROBE_ROUTES.list}`;
  traffic = setInterval(() => {
    for (let i = 0; i < 3; i++)
      void fetch(target).then(
        (r) => r.arrayBuffer(),
        () => 0,
      );
  }, 100);

  if (withPrometheus) {
    writeFileSync(join(work, "rules.yml"), RULES);
    writeFileSync(
      join(work, "prometheus.yml"),
      `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: [${join(work, "rules.yml")}]
scrape_configs:
  - job_name: api
    static_configs: [{ targets: ["${new URL(api.url).host}"] }]
`,
    );
    prometheus = spawn(
      "prometheus",
      [
        `--config.file=${join(work, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(work, "data")}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        "--log.level=warn",
      ],
      { stdio: "ignore" },
    );
    await waitForHttp(`http://127.0.0.1:${promPort}/-/ready`, 30);
  }

  browser = await puppeteer.launch({
    executablePath: locate("chromium"),
    headless: true,
    // --no-sandbox: CI runners and containers run as root, where Chromium's sandbox will not start.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
    ],
  });
}, 120_000);

afterAll(async () => {
  clearInterval(traffic);
  await browser?.close();
  if (prometheus?.exitCode === null) {
    prometheus.kill("SIGTERM");
    await once(prometheus, "exit");
  }
  await api?.shutdown("SIGTERM");
  await new Promise<void>((resolve) => {
    if (receiver)
      receiver.close(() => {
        resolve();
      });
    else resolve();
  });
  rmSync(work, { recursive: true, force: true });
});

const text = (page: Page, selector: string) =>
  page.$eval(selector, (element) => element.textContent ?? "");

/** Waits until the text of the element `#id` passes `check` (the strip refreshes every 2 s). */
async function waitForCell(
  page: Page,
  id: string,
  check: (text: string) => boolean,
  seconds: number,
) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const last = await text(page, `#${id}`);
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`#${id} still says "${last}" after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(withBrowser)("the fault panel, in Chromium", () => {
  it("injects the errors scenario with the token: the error ratio rises, the alert appears, clear ends it", async () => {
    if (!browser || !api) throw new Error("not started");
    const page = await browser.newPage();
    // The strict CSP (no inline script, connect-src 'self') would show here as console errors.
    page.on("console", (message) => {
      // The browser's own favicon request meets the errors fault: not the page's error.
      if (message.type() === "error" && !message.location().url?.endsWith("/favicon.ico"))
        browserErrors.push(message.text());
    });
    page.on("pageerror", (error) => browserErrors.push(String(error)));
    await page.goto(`${api.url}/`, { waitUntil: "domcontentloaded" });

    // Without the token, the panel says so and injects nothing.
    await page.click("#fault-panel button[name=errors]");
    await waitForCell(page, "fault-panel-result", (t) => t.includes("token"), 5);
    await waitForCell(page, "panel-faults", (t) => t === "none", 10);

    await page.type("#fault-panel-form input[name=token]", TEST_TOKEN);
    await page.click("#fault-panel button[name=errors]");
    await waitForCell(
      page,
      "fault-panel-result",
      (t) => t === "errors injected: watch the strip.",
      10,
    );
    await waitForCell(page, "panel-faults", (t) => t.includes("errors"), 10);
    const ratio = await waitForCell(page, "panel-error-ratio", (t) => parseFloat(t) >= 5, 40);
    expect(ratio).toMatch(/^\d+\.\d %$/);
    expect(await page.$eval("#panel-error-ratio", (e) => e.classList.contains("bad"))).toBe(true);
    expect(await text(page, "#panel-rate")).toMatch(/req\/s$/);
    expect(await text(page, "#panel-p99")).toMatch(/ ms$/);

    // The notifications the receiver holds, with the runbook as a link.
    await waitForCell(
      page,
      "panel-notifications",
      (t) => t.includes("FIRING PanelTestErrorRatioHigh"),
      10,
    );
    expect(await page.$eval("#panel-notifications a", (a) => a.getAttribute("href"))).toBe(
      NOTIFICATION.runbook,
    );

    if (withPrometheus) {
      await waitForCell(
        page,
        "panel-alerts",
        (t) => t.includes("PanelTestErrorRatioHigh (page) firing"),
        60,
      );
      await waitForCell(page, "panel-budget", (t) => /panel-test: -\d/.test(t), 30);
    } else {
      expect(await text(page, "#panel-alerts")).toBe("needs PROMETHEUS_URL");
    }

    await page.click("#fault-panel button[name=clear]");
    await waitForCell(page, "fault-panel-result", (t) => t === "Every fault cleared.", 10);
    await waitForCell(page, "panel-faults", (t) => t === "none", 10);
    const faults = await fetch(`${api.url}/api/faults`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(((await faults.json()) as { fault: unknown }).fault).toBeNull();
    expect(browserErrors).toEqual([]);
  }, 180_000);
});
