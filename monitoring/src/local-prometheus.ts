import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { MONITORING_DIR } from "./generated-files.js";

interface ScrapeConfig {
  job_name: string;
  static_configs: { targets: string[] }[];
}
interface PrometheusConfig {
  global: Record<string, unknown>;
  rule_files: string[];
  alerting?: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: ScrapeConfig[];
}

export interface LocalTargets {
  api: string;
  prometheus: string;
  /** host:port of a local Alertmanager; without it, alerting is left out. */
  alertmanager?: string | undefined;
  /** Scrape and evaluation interval, e.g. "1s" for tests; the project's own when unset. */
  interval?: string;
}

/**
 * The project's own prometheus.yml for a process on this machine (npm run demo, the end-to-end
 * test): only the addresses change, and the rule files become absolute. Writes it to `path`.
 */
export function writeLocalPrometheusConfig(path: string, targets: LocalTargets): void {
  const config = parse(
    readFileSync(join(MONITORING_DIR, "prometheus/prometheus.yml"), "utf8"),
  ) as PrometheusConfig;
  if (targets.interval) {
    config.global.scrape_interval = targets.interval;
    config.global.evaluation_interval = targets.interval;
  }
  config.rule_files = config.rule_files.map((f) => join(MONITORING_DIR, "prometheus", f));
  const addresses: Record<string, string | undefined> = {
    "shortlinks-api": targets.api,
    prometheus: targets.prometheus,
    alertmanager: targets.alertmanager,
  };
  config.scrape_configs = config.scrape_configs.flatMap((job) => {
    const address = addresses[job.job_name];
    return address ? [{ ...job, static_configs: [{ targets: [address] }] }] : [];
  });
  if (targets.alertmanager) {
    config.alerting = {
      alertmanagers: [{ static_configs: [{ targets: [targets.alertmanager] }] }],
    };
  } else {
    delete config.alerting;
  }
  writeFileSync(path, stringify(config));
}
