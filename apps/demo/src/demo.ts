// `npm run demo`: the whole system on this machine, no Docker needed. The API on the embedded
// database with fault injection on, a fresh token and the application's sample data; the load
// generator; and, when `prometheus` (and `prometheus-alertmanager`) are on PATH, a local
// Prometheus and Alertmanager with the project's configuration. Prints every URL; one Ctrl-C
// stops everything.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { APP_TRAFFIC } from "@fil-rouge/loadgen/app-traffic";
import { HttpClient } from "@fil-rouge/loadgen/http-client";
import { writeLocalAlertmanagerConfig } from "@fil-rouge/monitoring/local-alertmanager";
import { writeLocalPrometheusConfig } from "@fil-rouge/monitoring/local-prometheus";
import { findCommand } from "@fil-rouge/toolchain/machine-tools";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";
import { ProcessGroup } from "./child-processes.js";
import { formatNotification, startNotificationReceiver } from "./notification-receiver.js";

const onPath = (binary: string) => findCommand(binary) !== undefined;
const port = Number(process.env.PORT ?? "3000");
const promPort = Number(process.env.PROMETHEUS_PORT ?? "9090");
const amPort = Number(process.env.ALERTMANAGER_PORT ?? "9093");
const notificationsPort = Number(process.env.NOTIFICATIONS_PORT ?? "9095");
const base = `http://127.0.0.1:${port}`;
const token = process.env.API_TOKEN ?? `demo-${randomBytes(18).toString("base64url")}`;
const rps = process.env.LOADGEN_RPS ?? "10";
const require = createRequire(import.meta.url);
// The workspaces' TypeScript entry points, run with tsx so the demo needs no build.
const apiMain = fileURLToPath(new URL("../../api/src/main.ts", import.meta.url));
const loadgenMain = fileURLToPath(new URL("../../loadgen/src/main.ts", import.meta.url));
const tsx = ["--import", require.resolve("tsx")];

const group = new ProcessGroup();
const work = mkdtempSync(join(tmpdir(), "shortlinks-demo-"));
// Alertmanager's webhook target: each firing and resolved notification is printed here.
const notifications = await startNotificationReceiver(notificationsPort, (n) =>
  process.stdout.write(`[notification] ${formatNotification(n)}\n`),
).catch((error: unknown) => {
  process.stderr.write(
    `demo: the notification receiver cannot listen on 127.0.0.1:${notificationsPort} (${error instanceof Error ? error.message : String(error)}); set NOTIFICATIONS_PORT to a free port\n`,
  );
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write("\nstopping everything...\n");
  await group.stopAll();
  await notifications.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

async function main(): Promise<void> {
  const withPrometheus = onPath("prometheus");
  group.start("api", process.execPath, [...tsx, apiMain], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      API_TOKEN: token,
      FAULTS_ENABLED: "true",
      SHUTDOWN_DELAY_MS: "0",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      UI_MESSAGE:
        process.env.UI_MESSAGE ??
        "Live demo: inject a fault from the panel below and watch its strip.",
      // The home page's fault panel reads alerts and budgets here, and lists the notifications.
      ...(withPrometheus ? { PROMETHEUS_URL: `http://127.0.0.1:${promPort}` } : {}),
      NOTIFICATIONS_URL: `${notifications.url}/notifications`,
    },
  });
  await waitForHttp(`${base}/readyz`, 60);
  // The application's sample data (apps/loadgen/src/traffic/app-traffic.ts), for the home page.
  const http = new HttpClient(base, token, 4);
  await APP_TRAFFIC.session(http, Math.random).seed();
  await http.close();
  if (stopping) return;

  group.start(
    "loadgen",
    process.execPath,
    [...tsx, loadgenMain, "--url", base, "--rps", rps, "--status-every", "30"],
    {
      env: { ...process.env, API_TOKEN: token },
      quiet: process.env.LOADGEN_QUIET === "true",
    },
  );

  const urls = [
    `  Home page       ${base}/`,
    `  API docs        ${base}/openapi.json`,
    `  Metrics         ${base}/metrics`,
  ];
  if (withPrometheus) {
    const alertmanager = onPath("prometheus-alertmanager") ? `127.0.0.1:${amPort}` : undefined;
    if (alertmanager) {
      // The real routing tree; every receiver that notifies someone posts to the local receiver.
      writeLocalAlertmanagerConfig(join(work, "alertmanager.yml"), notifications.webhookUrl);
      group.start(
        "alertmanager",
        "prometheus-alertmanager",
        [
          `--config.file=${join(work, "alertmanager.yml")}`,
          `--storage.path=${join(work, "alertmanager")}`,
          `--web.listen-address=${alertmanager}`,
          "--cluster.listen-address=",
        ],
        { quiet: true },
      );
      urls.push(
        `  Alertmanager    http://${alertmanager}/`,
        `  Notifications   ${notifications.url}/ (what Alertmanager sent; also printed below)`,
      );
    }
    writeLocalPrometheusConfig(join(work, "prometheus.yml"), {
      api: `127.0.0.1:${port}`,
      prometheus: `127.0.0.1:${promPort}`,
      alertmanager,
      interval: "5s",
    });
    group.start(
      "prometheus",
      "prometheus",
      [
        `--config.file=${join(work, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(work, "prometheus")}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        "--log.level=warn",
      ],
      { quiet: true },
    );
    await waitForHttp(`http://127.0.0.1:${promPort}/-/ready`, 30);
    urls.push(`  Prometheus      http://127.0.0.1:${promPort}/alerts`);
  } else {
    urls.push(
      "  (no prometheus on PATH: install Debian's prometheus and prometheus-alertmanager for alerts,",
      "   or use npm run demo:stack for the full stack with Grafana)",
    );
  }

  const auth = `-H "Authorization: Bearer ${token}"`;
  process.stdout.write(`
  Shortlinks demo is ready (embedded PGlite database, fault injection ON, ${rps} req/s of traffic)

${urls.join("\n")}
  Demo token      ${token}

  Scenarios (docs/demo/): the home page's fault panel (paste the token), or
    API_TOKEN=${token} npm run scenario -- errors
    curl ${auth} -X DELETE ${base}/api/faults

  Ctrl-C stops everything.
`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  await group.stopAll();
  await notifications.close();
  process.exit(1);
});
