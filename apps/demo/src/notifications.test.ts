import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { startSteadyTraffic, type SteadyTraffic } from "@fil-rouge/loadgen/steady-traffic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  missingAlertingBinaries,
  startLocalAlerting,
  type LocalAlerting,
} from "./local-alerting.js";
import {
  formatNotification,
  startNotificationReceiver,
  type Notification,
  type NotificationReceiver,
} from "./notification-receiver.js";
import { SCENARIOS } from "./scenarios.js";

// End to end, with Debian's real prometheus and prometheus-alertmanager: the `errors` scenario's
// fault makes the project's own rule fire, Alertmanager (the project's routing, waits cut short)
// posts to the demo's receiver, then the fault is cleared and the resolved notification arrives.
const absent = missingAlertingBinaries();
const errors = SCENARIOS.find((s) => s.name === "errors");

let alerting: LocalAlerting | undefined;
let api: ApiProcess | undefined;
let receiver: NotificationReceiver | undefined;
let traffic: SteadyTraffic | undefined;
const log: string[] = [];

beforeAll(async () => {
  receiver = await startNotificationReceiver(0, (n) => log.push(formatNotification(n)));
  if (absent.length > 0) return;
  api = await startApiProcess();
  // The application's steady operation (apps/loadgen/src/traffic/app-traffic.ts), which the
  // paging availability SLO counts: the injected errors burn its budget.
  traffic = await startSteadyTraffic(api.url, api.token, 5);

  alerting = await startLocalAlerting(api.url, receiver.webhookUrl);
}, 120_000);

afterAll(async () => {
  await traffic?.stop();
  await alerting?.stop();
  await api?.stop();
  await receiver?.close();
});

async function waitForNotification(
  match: (n: Notification) => boolean,
  seconds: number,
): Promise<Notification> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = receiver?.notifications.find(match);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no such notification within ${seconds} s; received:\n${log.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("notifications that arrive", () => {
  it("the receiver refuses what is not Alertmanager's webhook body, with the reason", async () => {
    const response = await fetch(`${receiver?.webhookUrl}`, {
      method: "POST",
      body: JSON.stringify({ version: "4", alerts: "none" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/receiver|alerts/);
    expect(receiver?.notifications).toEqual([]);
  });

  it("errors scenario: the firing notification, then the resolved one, reach the receiver", async (ctx) => {
    if (!api || !errors)
      return ctx.skip(`${absent.join(" and ")} not on PATH (Debian packages of the same names)`);
    const headers = { authorization: `Bearer ${api.token}`, "content-type": "application/json" };
    const injected = await fetch(`${api.url}${errors.inject.path}`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ ...errors.inject.body, durationSeconds: 120 }),
    });
    expect(injected.status).toBe(200);
    const firing = await waitForNotification(
      (n) => n.alertname === errors.alert && n.status === "firing",
      90,
    );
    expect(firing).toMatchObject({ receiver: "page", severity: "page" });
    expect(firing.runbook).toMatch(new RegExp(`/docs/runbooks/${errors.alert}\\.md$`));

    // Cleared, and diluted by clean traffic so the 5-minute error ratio falls below the page
    // threshold within the test rather than after the 5 minutes of the window.
    await fetch(`${api.url}/api/faults`, { method: "DELETE", headers });
    if (traffic) traffic.perTick = 25;
    const resolved = await waitForNotification(
      (n) => n.alertname === errors.alert && n.status === "resolved",
      150,
    );
    expect(resolved.runbook).toBe(firing.runbook);
    expect(Date.parse(resolved.receivedAt)).toBeGreaterThan(Date.parse(firing.receivedAt));
    expect(formatNotification(resolved)).toMatch(
      new RegExp(`RESOLVED +${errors.alert} \\(severity page`),
    );
  }, 300_000);
});
