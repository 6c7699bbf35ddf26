import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { valuesFile } from "./addons.js";
import { CHARTS } from "./charts.js";
import { ENVIRONMENTS } from "./config.js";
import { ALLOY_CONFIG_FILE, LOKI_URL, alloyValues, retentionPeriod } from "./logs.js";
import {
  awsOutputs,
  oneResource,
  runClusterStack,
  type ClusterRun as Run,
  type Props,
} from "./program-under-mocks.js";
import { STORAGE_CLASS } from "./storage-class.js";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const repoFile = (path: string) =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

// The Loki chart ships a values.schema.json (types and enums of every value it documents); the copy
// in values/schemas/ is github.com/grafana-community/helm-charts at tag loki-18.11.0
// (charts/loki/values.schema.json), byte for byte.
const lokiSchema = JSON.parse(
  readFileSync(
    new URL(`../values/schemas/loki-${CHARTS.loki.version}.values.schema.json`, import.meta.url),
    "utf8",
  ),
) as object;
function lokiSchemaErrors(values: unknown): string[] {
  const check = new Ajv({ strict: false, allErrors: true }).compile(lokiSchema);
  check(values);
  return (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

// The Alloy chart ships no schema: every key we set must be one its values.yaml (vendored from
// github.com/grafana/alloy at tag helm-chart/1.11.1) declares, down to the maps it leaves free.
const alloyDefaults = parse(
  readFileSync(
    new URL(`../values/schemas/alloy-${CHARTS.alloy.version}.values.yaml`, import.meta.url),
    "utf8",
  ),
) as Props;
function unknownAlloyKeys(values: Props, defaults: Props = alloyDefaults, at = ""): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    if (!(key in defaults)) return [path];
    const known: unknown = defaults[key];
    const isMap = (v: unknown): v is Props =>
      typeof v === "object" && v !== null && !Array.isArray(v);
    // An empty map in the defaults is free-form (annotations, securityContext...).
    if (isMap(value) && isMap(known) && Object.keys(known).length > 0)
      return unknownAlloyKeys(value, known, path);
    return [];
  });
}

describe("the charts' values against what the charts accept", () => {
  it("values/loki.yaml is valid for the pinned Loki chart, and a wrong type is refused", () => {
    expect(lokiSchemaErrors(valuesFile("loki"))).toEqual([]);
    expect(
      lokiSchemaErrors({ ...valuesFile("loki"), singleBinary: { replicas: "one" } }),
    ).not.toEqual([]);
  });

  it("values/alloy.yaml sets only keys the pinned Alloy chart declares", () => {
    expect(unknownAlloyKeys(alloyValues(valuesFile("alloy")))).toEqual([]);
    expect(unknownAlloyKeys({ controller: { kind: "deployment" } })).toEqual(["controller.kind"]);
  });
});

describe.each(ENVIRONMENTS)("logs on the %s cluster (under mocks)", (stack) => {
  let run: Run;
  let loki: Props;
  let alloy: Props;
  beforeAll(async () => {
    run = await runClusterStack(stack);
    loki = oneResource(run, RELEASE, "loki");
    alloy = oneResource(run, RELEASE, "alloy");
  });

  it("keeps the stack's logs for infra/aws's logs.retentionDays, deleted by the compactor", () => {
    const days = { dev: 3, staging: 7, prod: 30 }[stack];
    expect(awsOutputs(stack).logRetentionDays).toBe(days);
    expect(loki.values.loki.limits_config).toEqual({ retention_period: `${String(days * 24)}h` });
    expect(retentionPeriod(days)).toBe(`${String(days * 24)}h`);
    expect(loki.values.loki.compactor).toEqual({
      retention_enabled: true,
      delete_request_store: "s3",
    });
    expect(lokiSchemaErrors(loki.values)).toEqual([]);
  });

  it("stores chunks and index in the stack's log bucket with its IRSA role, no keys", () => {
    const aws = awsOutputs(stack);
    expect(loki.values.loki.storage).toEqual({
      type: "s3",
      bucketNames: { chunks: aws.logBucket, ruler: aws.logBucket },
      s3: { region: aws.region },
    });
    expect(loki.values.loki.schemaConfig.configs[0]).toMatchObject({
      store: "tsdb",
      object_store: "s3",
    });
    // The role infra/aws made trusts exactly this service account (workload-roles.ts).
    expect(loki.namespace).toBe("loki");
    expect(loki.values.serviceAccount).toEqual({
      create: true,
      name: "loki",
      annotations: { "eks.amazonaws.com/role-arn": aws.logStoreRoleArn },
    });
    const awsRoles = repoFile("infra/aws/src/workload-roles.ts");
    expect(awsRoles).toContain(`LOKI_SERVICE_ACCOUNT = { namespace: "loki", name: "loki" }`);
    expect(loki.values.singleBinary.persistence.storageClass).toBe(STORAGE_CLASS);
    expect(loki.values.deploymentMode).toBe("Monolithic");
  });

  it("ships every pod's logs with monitoring/alloy/kubernetes.alloy to that Loki, with no host access", () => {
    const config = readFileSync(ALLOY_CONFIG_FILE, "utf8");
    expect(alloy.values.alloy.configMap.content).toBe(config);
    // The chart passes the content through Helm's tpl: no template braces in it.
    expect(config).not.toContain("{{");
    expect(config).toContain(`url = "${LOKI_URL}/loki/api/v1/push"`);
    expect(LOKI_URL).toBe("http://loki.loki.svc.cluster.local:3100");
    expect(config).toMatch(/loki\.source\.kubernetes "pods"/);
    expect(alloy.values.controller).toEqual({ type: "deployment", replicas: 1 });
    expect(alloy.values.alloy.mounts).toBeUndefined();
    // Reads pods and their logs, nothing else (the chart's default rules read every Secret).
    expect(alloy.values.rbac).toEqual({
      create: true,
      rules: [
        {
          apiGroups: [""],
          resources: ["pods", "pods/log", "namespaces"],
          verbs: ["get", "list", "watch"],
        },
      ],
      clusterRules: [],
    });
  });

  it("gives Grafana the Loki datasource the dashboards' log panels name, at that Loki", () => {
    const grafana = oneResource(run, RELEASE, "kube-prometheus-stack").values.grafana;
    const compose = (
      parse(repoFile("monitoring/grafana/provisioning/datasources/loki.yml")) as {
        datasources: Props[];
      }
    ).datasources[0];
    const [datasource] = grafana.additionalDataSources as Props[];
    expect(datasource).toMatchObject({ type: compose?.type, uid: compose?.uid, url: LOKI_URL });
    const dashboards = repoFile("monitoring/grafana/dashboards/shortlinks-overview.json");
    expect(dashboards).toContain(`"uid": "${String(compose?.uid)}"`);
  });
});
