import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { needs } from "@fil-rouge/toolchain/skips";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { valuesFile } from "./addons.js";
import { ALERTMANAGER_CONFIG, alertmanagerConfigForCluster } from "./alertmanager-config.js";
import { parseClusterConfig } from "./config.js";
import { opsServerScrapeConfig } from "./prometheus-values.js";
import {
  awsOutputs,
  oneResource,
  runClusterStack,
  type ClusterRun as Run,
  type Props,
} from "./program-under-mocks.js";
import { stackSettings } from "./stack-files.js";

const amtool = needs("amtool", "Alertmanager's routes of the cluster");
const promtool = needs("promtool", "the ops server's scrape job checked by promtool");
const tmp = mkdtempSync(join(tmpdir(), "cluster-monitoring-"));
const destinations = {
  smtpSmarthost: "smtp.mail.test:2525",
  smtpFrom: "alerts@ops.test",
  webhookUrl: "https://pager.test/hooks/alertmanager",
};

describe("kube-prometheus-stack on EKS (staging under mocks)", () => {
  let run: Run;
  let values: Props;
  beforeAll(async () => {
    run = await runClusterStack("staging");
    values = oneResource(run, "kubernetes:helm.sh/v3:Release", "kube-prometheus-stack").values;
  });

  it("scrapes no control-plane component EKS hides (values/kube-prometheus-stack.yaml)", () => {
    const file = valuesFile("kube-prometheus-stack");
    for (const component of ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy"]) {
      expect(file[component], component).toEqual({ enabled: false });
      expect(values[component], component).toEqual({ enabled: false });
    }
  });

  it("keeps Prometheus' data on a default, encrypted gp3 class with the stack's KMS key", () => {
    const storageClass = oneResource(
      run,
      "kubernetes:storage.k8s.io/v1:StorageClass",
      "gp3-encrypted",
    );
    expect(storageClass).toMatchObject({
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: awsOutputs("staging").kmsKeyArn },
      volumeBindingMode: "WaitForFirstConsumer",
      metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    });
    const claim = values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec;
    expect(claim.storageClassName).toBe(storageClass.metadata.name);
    // Registered before the chart, which waits for it: the claim never finds no class.
    const chart = run.registrations.find((r) => r.name === "kube-prometheus-stack");
    expect(chart?.dependencies).toEqual(
      expect.arrayContaining([expect.stringMatching(/StorageClass::gp3-encrypted$/)]),
    );
  });

  it("scrapes the ops server's node_exporter at its private address", () => {
    const jobs = values.prometheus.prometheusSpec.additionalScrapeConfigs as Props[];
    expect(jobs.flatMap((job) => job.static_configs.flatMap((c: Props) => c.targets))).toEqual([
      `${awsOutputs("staging").opsPrivateIp}:9100`,
    ]);
    // The rest of the file's Prometheus settings survive the merge.
    expect(values.prometheus.prometheusSpec.retention).toBe(
      (valuesFile("kube-prometheus-stack").prometheus as Props).prometheusSpec.retention,
    );
  });

  it("sends alerts where the stack's settings say", () => {
    const settings = parseClusterConfig(stackSettings("staging"));
    const config = values.alertmanager.config;
    expect(config.global.smtp_smarthost).toBe(settings.alertSmtpSmarthost);
    expect(config.global.smtp_from).toBe(settings.alertSmtpFrom);
    const page = config.receivers.find((r: Props) => r.name === "page");
    expect(page.webhook_configs[0].url).toBe(settings.alertWebhookUrl);
  });
});

it.runIf(promtool)("the ops server's scrape job is a scrape config Prometheus accepts", () => {
  const file = join(tmp, "prometheus.yml");
  writeFileSync(file, stringify({ scrape_configs: [opsServerScrapeConfig("10.0.3.21", "dev")] }));
  const result = spawnSync("promtool", ["check", "config", "--syntax-only", file], {
    encoding: "utf8",
  });
  expect(result.stdout + result.stderr).toContain("SUCCESS");
});

describe.runIf(amtool)("Alertmanager's routes (amtool config routes test)", () => {
  const clusterFile = join(tmp, "alertmanager-cluster.yml");
  writeFileSync(clusterFile, stringify(alertmanagerConfigForCluster(destinations)));
  const receiverOf = (file: string, labels: string[]) =>
    spawnSync("amtool", ["config", "routes", "test", `--config.file=${file}`, ...labels], {
      encoding: "utf8",
    }).stdout.trim();

  it.each([
    ["the repository's file", fileURLToPath(ALERTMANAGER_CONFIG)],
    ["the cluster's configuration", clusterFile],
  ])("%s: Watchdog and InfoInhibitor to null, critical like page", (_name, file) => {
    expect(receiverOf(file, ["alertname=Watchdog", "severity=none"])).toBe("null");
    expect(receiverOf(file, ["alertname=InfoInhibitor", "severity=none"])).toBe("null");
    expect(receiverOf(file, ["alertname=KubePodCrashLooping", "severity=critical"])).toBe("page");
    expect(receiverOf(file, ["alertname=ShortlinksFastBurn", "severity=page"])).toBe("page");
    expect(receiverOf(file, ["alertname=ShortlinksSlowBurn", "severity=ticket"])).toBe("ticket");
    expect(receiverOf(file, ["alertname=KubeCPUOvercommit", "severity=warning"])).toBe("ticket");
  });

  it("the cluster's configuration passes amtool check-config, with the stack's destinations", () => {
    const result = spawnSync("amtool", ["check-config", clusterFile], { encoding: "utf8" });
    expect(result.stdout + result.stderr).toContain("SUCCESS");
    const text = readFileSync(clusterFile, "utf8");
    for (const value of Object.values(destinations)) expect(text).toContain(value);
    expect(text).not.toMatch(/smtp\.example\.org|oncall\.example\.org/);
  });
});

if (!amtool) it.skip("Alertmanager's routes: amtool is not installed", () => undefined);
if (!promtool) it.skip("the ops server's scrape job: promtool is not installed", () => undefined);

describe("alerting settings", () => {
  it("refuses an SMTP relay without a port and a webhook that is not https, naming the keys", () => {
    expect(() =>
      parseClusterConfig({
        ...stackSettings("dev"),
        alertSmtpSmarthost: "smtp.example.org",
        alertWebhookUrl: "http://oncall.example.org/",
      }),
    ).toThrow(/alertSmtpSmarthost: must be host:port[\s\S]*alertWebhookUrl: must be an https/);
  });
});
