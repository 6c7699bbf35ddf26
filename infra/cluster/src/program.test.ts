import { readFileSync } from "node:fs";
import { evaluatePolicies } from "@fil-rouge/infra-policies/evaluate";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import {
  alertmanagerConfigForCluster,
  alertmanagerSecretFiles,
  SECRETS_DIR,
} from "./alertmanager-config.js";
import { CHARTS } from "./charts.js";
import { KYVERNO } from "./image-policy.js";
import { ENVIRONMENTS } from "./config.js";
import {
  awsOutputs,
  DIGEST,
  oneResource,
  runClusterStack,
  type ClusterRun as Run,
  type Props,
} from "./program-under-mocks.js";
import { assertSameEnvironment } from "./program.js";
import { stackSettings } from "./stack-files.js";

const byType = (run: Run, type: string) => run.resources.filter((r) => r.type === type);
const repoFile = (path: string) =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const unsecret = (value: unknown) =>
  typeof value === "object" && value !== null && "value" in value ? value.value : value;

describe.each(ENVIRONMENTS)("cluster stack %s under mocks", (stack) => {
  let addonsOnly: Run;
  let withApp: Run;
  beforeAll(async () => {
    addonsOnly = await runClusterStack(stack);
    withApp = await runClusterStack(stack, { "shortlinks-cluster:imageDigest": DIGEST });
  });

  it("installs the add-ons and Kyverno from pinned chart versions, atomically", () => {
    const releases = byType(withApp, "kubernetes:helm.sh/v3:Release");
    expect(releases.map((r) => r.name).sort()).toEqual(
      [...Object.values(CHARTS), KYVERNO].map((c) => c.name).sort(),
    );
    for (const { props } of releases as { props: Props }[]) {
      expect(props.version).toMatch(/^v?\d+\.\d+\.\d+$/);
      expect(props.repositoryOpts.repo).toMatch(/^https:\/\//);
      expect(props.atomic).toBe(true);
    }
  });

  it("gives Alertmanager the project's configuration, its secret files mounted where it reads them", () => {
    const values = oneResource(
      withApp,
      "kubernetes:helm.sh/v3:Release",
      "kube-prometheus-stack",
    ).values;
    const settings = stackSettings(stack) as Record<string, string>;
    expect(values.alertmanager.config).toEqual(
      alertmanagerConfigForCluster({
        smtpSmarthost: settings.alertSmtpSmarthost ?? "",
        smtpFrom: settings.alertSmtpFrom ?? "",
        webhookUrl: settings.alertWebhookUrl ?? "",
      }),
    );
    expect(JSON.stringify(values.alertmanager.config)).toContain(SECRETS_DIR);
    expect(values.alertmanager.alertmanagerSpec.secrets).toEqual(["alertmanager-secrets"]);
    const secret = oneResource(withApp, "kubernetes:core/v1:Secret", "alertmanager-secrets");
    expect(secret.metadata.namespace).toBe(CHARTS.kubePrometheusStack.namespace);
    expect(Object.keys(unsecret(secret.stringData) as object).sort()).toEqual(
      alertmanagerSecretFiles(),
    );
    // The operator mounts each listed Secret at /etc/alertmanager/secrets/<name>/: every file the
    // configuration reads must be one of that Secret's keys, at that place.
    const read = [
      ...JSON.stringify(values.alertmanager.config).matchAll(/"[a-z_]+_file":"([^"]+)"/g),
    ].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    for (const path of read) {
      expect(path).toMatch(/^\/etc\/alertmanager\/secrets\/alertmanager-secrets\/[\w.-]+$/);
      expect(Object.keys(unsecret(secret.stringData) as object)).toContain(path?.split("/").at(-1));
    }
  });

  it("has Grafana and Prometheus pick up the dashboards and rules that monitoring/ generates", () => {
    const values = oneResource(
      withApp,
      "kubernetes:helm.sh/v3:Release",
      "kube-prometheus-stack",
    ).values;
    const [dashboard] = parseAllDocuments(
      repoFile("monitoring/kubernetes/grafana-dashboards.yaml"),
    ).map((d) => d.toJSON());
    const rule = parse(repoFile("monitoring/kubernetes/prometheus-rule.yaml"));
    const sidecar = values.grafana.sidecar.dashboards;
    expect(dashboard.metadata.labels[sidecar.label]).toBe(sidecar.labelValue);
    expect(sidecar.searchNamespace).toBe("ALL");
    expect(rule.metadata.labels).toMatchObject(
      values.prometheus.prometheusSpec.ruleSelector.matchLabels,
    );
    const monitor = parse(repoFile("k8s/base/servicemonitor.yaml"));
    expect(monitor.metadata.labels).toMatchObject(
      values.prometheus.prometheusSpec.serviceMonitorSelector.matchLabels,
    );
    expect(values.grafana.admin.existingSecret).toBe("grafana-admin");
  });

  it("installs Traefik and Prometheus in the namespaces the app's NetworkPolicy admits", () => {
    const policies = parseAllDocuments(repoFile("k8s/base/networkpolicies.yaml")).map((d) =>
      d.toJSON(),
    );
    const ingress = policies.find((p) => p.metadata.name === "shortlinks-api-ingress");
    const admitted = ingress.spec.ingress[0].from.map(
      (f: Props) => f.namespaceSelector.matchLabels["kubernetes.io/metadata.name"],
    );
    const namespaces = byType(withApp, "kubernetes:helm.sh/v3:Release").map(
      (r) => r.props.namespace,
    );
    expect(admitted).toEqual([CHARTS.traefik.namespace, CHARTS.kubePrometheusStack.namespace]);
    expect(namespaces).toEqual(expect.arrayContaining(admitted));
    // cert-manager's HTTP-01 solver pods, started in the app's namespace, are reachable from the
    // controller, or no certificate is ever issued behind the default-deny policy.
    const solver = policies.find((p) => p.metadata.name === "acme-http01-solver-ingress");
    expect(solver.spec.podSelector.matchLabels).toEqual({
      "acme.cert-manager.io/http01-solver": "true",
    });
    expect(solver.spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({
      "kubernetes.io/metadata.name": CHARTS.traefik.namespace,
    });
  });

  it("has the ClusterIssuer's HTTP-01 solver and the app's Ingress use the class Traefik creates", () => {
    const issuer = oneResource(
      withApp,
      "kubernetes:cert-manager.io/v1:ClusterIssuer",
      "letsencrypt",
    );
    const values = oneResource(withApp, "kubernetes:helm.sh/v3:Release", "traefik").values;
    // templates/ingressclass.yaml of chart 41.3.0: name = ingressClass.name, created when enabled.
    expect(values.ingressClass.enabled).toBe(true);
    const created = values.ingressClass.name as string;
    expect(issuer.spec.acme.solvers).toEqual([
      { http01: { ingress: { ingressClassName: created } } },
    ]);
    const ingress = parse(repoFile("k8s/base/ingress.yaml"));
    expect(ingress.spec.ingressClassName).toBe(created);
    // The Ingress provider is on, and it is not restricted to another class name.
    expect(values.providers.kubernetesIngress.enabled).toBe(true);
    expect(values.providers.kubernetesIngress.ingressClass ?? created).toBe(created);
  });

  it("runs External Secrets with the IRSA role of infra/aws, through a store limited to two namespaces", () => {
    const values = oneResource(withApp, "kubernetes:helm.sh/v3:Release", "external-secrets").values;
    expect(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"]).toBe(
      awsOutputs(stack).externalSecretsRoleArn,
    );
    const store = oneResource(
      withApp,
      "kubernetes:external-secrets.io/v1:ClusterSecretStore",
      "aws-secrets-manager",
    );
    expect(store.spec.provider.aws).toEqual({ service: "SecretsManager", region: "eu-west-3" });
    expect(store.spec.conditions).toEqual([
      { namespaces: [`shortlinks-${stack}`, "shortlinks-db-admin"] },
    ]);
  });

  it("issues certificates from Let's Encrypt under the name the Ingress asks for", () => {
    const issuer = oneResource(
      withApp,
      "kubernetes:cert-manager.io/v1:ClusterIssuer",
      "letsencrypt",
    );
    const ingress = parse(repoFile("k8s/base/ingress.yaml"));
    expect(ingress.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe(
      issuer.metadata.name,
    );
    expect(issuer.spec.acme.server).toContain(stack === "dev" ? "acme-staging" : "acme-v02");
  });

  it("creates the database roles with the project's SQL, as a restricted pod, before the app", () => {
    const job = oneResource(withApp, "kubernetes:batch/v1:Job", "db-roles");
    const pod = job.spec.template.spec;
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.containers[0].securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    const scripts = oneResource(withApp, "kubernetes:core/v1:ConfigMap", "db-roles-scripts");
    expect(scripts.data["create-roles.sql"]).toBe(repoFile("apps/api/scripts/db/create-roles.sql"));
    expect(scripts.data["create-db-roles.sh"]).toBe(
      repoFile("infra/cluster/scripts/create-db-roles.sh"),
    );
    const admin = oneResource(
      withApp,
      "kubernetes:external-secrets.io/v1:ExternalSecret",
      "db-admin",
    );
    expect(admin.metadata.namespace).toBe("shortlinks-db-admin");
    expect(admin.spec.data.map((d: Props) => d.remoteRef.key)).toEqual([
      awsOutputs(stack).databaseMasterSecretArn,
      awsOutputs(stack).databaseMasterSecretArn,
    ]);
    expect(admin.spec.target.template.data["admin-url"]).toContain(
      `@${awsOutputs(stack).databaseAddress}:5432/`,
    );
  });

  it("installs the add-ons but not the application until deploy.yml sets an image digest", () => {
    expect(byType(addonsOnly, "kubernetes:apps/v1:Deployment")).toEqual([]);
    expect(addonsOnly.outputs.image).toBe("");
    expect(byType(withApp, "kubernetes:apps/v1:Deployment")).toHaveLength(1);
    expect(withApp.outputs.image).toBe(`${awsOutputs(stack).registryUrl}@${DIGEST}`);
  });

  it("deploys the application in its namespace, bound to this stack's AWS resources", () => {
    const app = withApp.resources.filter(
      (r) => r.name.startsWith(`shortlinks-${stack}/`) || r.name === `shortlinks-${stack}`,
    );
    expect(app.length).toBeGreaterThan(20);
    const text = JSON.stringify(app.map((r) => r.props));
    expect(text).not.toContain("123456789012");
    for (const other of ENVIRONMENTS.filter((e) => e !== stack))
      expect(text).not.toContain(`shortlinks-${other}`);
    expect(text).toContain(awsOutputs(stack).backupRoleArn);
    expect(text).toContain(awsOutputs(stack).backupBucket);
  });

  it("passes the policy pack (nothing on AWS, and the pack ignores Kubernetes objects)", async () => {
    expect(await evaluatePolicies(withApp.resources)).toEqual([]);
  });
});

describe("a cluster stack pointed at the wrong AWS stack", () => {
  it("stops instead of deploying one environment's application on another's cluster", () => {
    expect(() => {
      assertSameEnvironment("org/shortlinks-aws/dev", "dev", "prod");
    }).toThrow(/is the dev environment, this stack is prod/);
    expect(() => {
      assertSameEnvironment("org/shortlinks-aws/prod", "prod", "prod");
    }).not.toThrow();
  });

  it("resolves the cluster's kubeconfig through that check", async () => {
    const run = await runClusterStack("staging");
    expect(unsecret(oneResource(run, "pulumi:providers:kubernetes", "eks").kubeconfig)).toBe(
      awsOutputs("staging").kubeconfig,
    );
  });
});
