// The local part of `npm run evidence`: the API from its sources (embedded database, faults on),
// its probes, the application's smoke checks, and the `errors` scenario with a real Prometheus and Alertmanager:
// the alert fired and the notification received, each line with its timestamp.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { APP_TRAFFIC } from "@fil-rouge/loadgen/app-traffic";
import { HttpClient } from "@fil-rouge/loadgen/http-client";
import { startSteadyTraffic, type SteadyTraffic } from "@fil-rouge/loadgen/steady-traffic";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";
import { ProcessGroup } from "../child-processes.js";
import {
  missingAlertingBinaries,
  startLocalAlerting,
  type LocalAlerting,
} from "../local-alerting.js";
import { formatNotification, startNotificationReceiver } from "../notification-receiver.js";
import { SCENARIOS } from "../scenarios.js";

const apiMain = fileURLToPath(new URL("../../../api/src/main.ts", import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the demo's evidence and returns its transcript; throws when something did not happen. */
export async function runLocalDemo(): Promise<string> {
  const lines: string[] = [];
  const note = (line: string) => lines.push(`${new Date().toISOString()} ${line}`);
  // No build needed: the API's TypeScript entry point under tsx, as `npm run demo` runs it.
  const group = new ProcessGroup();
  const port = await freePort();
  const api = { url: `http://127.0.0.1:${port}`, token: "evidence-token-0123456789abcdef" };
  group.start("api", process.execPath, ["--import", tsx, apiMain], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(port),
      API_TOKEN: api.token,
      FAULTS_ENABLED: "true",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      SHUTDOWN_DELAY_MS: "0",
    },
    quiet: true,
  });
  await waitForHttp(`${api.url}/readyz`, 60).catch(async (error: unknown) => {
    await group.stopAll();
    throw error;
  });
  const receiver = await startNotificationReceiver(0, (n) =>
    note(`notification reçue : ${formatNotification(n)}`),
  );
  let traffic: SteadyTraffic | undefined;
  let alerting: LocalAlerting | undefined;
  try {
    note(`API démarrée sur ${api.url}`);
    for (const probe of ["/livez", "/readyz"]) {
      const response = await fetch(`${api.url}${probe}`);
      note(`sonde GET ${probe} : ${response.status} ${await response.text()}`);
    }
    const headers = { authorization: `Bearer ${api.token}`, "content-type": "application/json" };
    // The application does its job end to end: the smoke test's own checks.
    const http = new HttpClient(api.url, api.token, 4);
    try {
      await APP_TRAFFIC.smoke(http, (line) => note(`vérifié : ${line}`));
    } finally {
      await http.close();
    }

    const missing = missingAlertingBinaries();
    if (missing.length > 0) {
      note(`scénario errors non joué : ${missing.join(", ")} absent(s) du PATH`);
      return `${lines.join("\n")}\n`;
    }
    traffic = await startSteadyTraffic(api.url, api.token, 5);
    alerting = await startLocalAlerting(api.url, receiver.webhookUrl);
    note(`Prometheus ${alerting.prometheusUrl}, Alertmanager ${alerting.alertmanagerUrl}`);
    const errors = SCENARIOS.find((s) => s.name === "errors");
    if (!errors) throw new Error("the errors scenario is gone from scenarios.ts");
    const injected = await fetch(`${api.url}${errors.inject.path}`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ ...errors.inject.body, durationSeconds: 180 }),
    });
    note(
      `scénario errors : faute injectée ${JSON.stringify(errors.inject.body)} (${injected.status})`,
    );
    const wait = async (status: "firing" | "resolved", seconds: number) => {
      for (let i = 0; i < seconds * 4; i++) {
        if (receiver.notifications.some((n) => n.alertname === errors.alert && n.status === status))
          return;
        await sleep(250);
      }
      throw new Error(`no ${status} notification of ${errors.alert} within ${seconds} s`);
    };
    // The alert as Prometheus sees it, then the notification as the receiver got it.
    const firingQuery = encodeURIComponent(
      `ALERTS{alertname="${errors.alert}", alertstate="firing"}`,
    );
    for (let i = 0; i < 480; i++) {
      const body = (await (
        await fetch(`${alerting.prometheusUrl}/api/v1/query?query=${firingQuery}`)
      ).json()) as { data?: { result?: { metric: Record<string, string> }[] } };
      const firing = body.data?.result ?? [];
      if (firing.length > 0) {
        note(
          `alerte ${errors.alert} déclenchée dans Prometheus (severity ${firing.map((r) => r.metric.severity).join(", ")})`,
        );
        break;
      }
      await sleep(250);
    }
    await wait("firing", 120);
    await fetch(`${api.url}/api/faults`, { method: "DELETE", headers });
    note("faute retirée (DELETE /api/faults)");
    traffic.perTick = 25; // clean traffic brings the 5-minute error ratio back under the threshold
    await wait("resolved", 180);
    return `${lines.join("\n")}\n`;
  } finally {
    await traffic?.stop();
    await alerting?.stop();
    await receiver.close();
    await group.stopAll();
  }
}
