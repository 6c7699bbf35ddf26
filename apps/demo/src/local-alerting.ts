// A real Prometheus and Alertmanager on free local ports, with the project's configuration: the
// API's address, short intervals, and Alertmanager's receivers pointed at a local webhook.
// Used by the end-to-end notification test and by `npm run evidence`.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeLocalAlertmanagerConfig } from "@fil-rouge/monitoring/local-alertmanager";
import { writeLocalPrometheusConfig } from "@fil-rouge/monitoring/local-prometheus";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { locate } from "@fil-rouge/toolchain/machine-tools";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";

/**
 * The binaries it needs that infra/toolchain does not find, by their Debian package names
 * (Alertmanager is Debian's prometheus-alertmanager, or alertmanager elsewhere).
 */
export const missingAlertingBinaries = () => [
  ...(locate("prometheus") === undefined ? ["prometheus"] : []),
  ...(locate("alertmanager") === undefined ? ["prometheus-alertmanager"] : []),
];

export interface LocalAlerting {
  prometheusUrl: string;
  alertmanagerUrl: string;
  stop(): Promise<void>;
}

export async function startLocalAlerting(
  apiUrl: string,
  webhookUrl: string,
): Promise<LocalAlerting> {
  const work = mkdtempSync(join(tmpdir(), "local-alerting-"));
  const children: ChildProcess[] = [];
  const [amPort, promPort] = [await freePort(), await freePort()];
  writeLocalAlertmanagerConfig(join(work, "alertmanager.yml"), webhookUrl, {
    group_wait: "1s",
    group_interval: "1s",
    resolve_timeout: "10s",
  });
  children.push(
    spawn(
      locate("alertmanager") ?? "prometheus-alertmanager",
      [
        `--config.file=${join(work, "alertmanager.yml")}`,
        `--storage.path=${join(work, "am")}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        "--cluster.listen-address=",
      ],
      { stdio: "ignore" },
    ),
  );
  writeLocalPrometheusConfig(join(work, "prometheus.yml"), {
    api: new URL(apiUrl).host,
    prometheus: `127.0.0.1:${promPort}`,
    alertmanager: `127.0.0.1:${amPort}`,
    interval: "1s",
  });
  children.push(
    spawn(
      locate("prometheus") ?? "prometheus",
      [
        `--config.file=${join(work, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(work, "prom")}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        "--log.level=warn",
      ],
      { stdio: "ignore" },
    ),
  );
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill("SIGTERM");
      await once(child, "exit");
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`http://127.0.0.1:${amPort}/-/ready`, 30);
    await waitForHttp(`http://127.0.0.1:${promPort}/-/ready`, 30);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    prometheusUrl: `http://127.0.0.1:${promPort}`,
    alertmanagerUrl: `http://127.0.0.1:${amPort}`,
    stop,
  };
}
