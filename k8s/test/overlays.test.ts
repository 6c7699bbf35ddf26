import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { needs } from "@fil-rouge/toolchain/skips";
import { OVERLAYS, renderOverlay, type K8sObject } from "../src/manifests.js";
import { POLICIES } from "../src/policies.js";
import { schemaErrors } from "../src/schemas.js";

// Vitest collects a skipped describe by running its body, which renders: hence `if`, not runIf.
const kustomize = needs("kustomize", "rendering and validating the dev, staging and prod overlays");
if (!kustomize) it.skip("overlays: no kustomize to render them here", () => undefined);

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const apiImage = (objects: K8sObject[]) =>
  (
    find(objects, "Deployment", "shortlinks-api")?.spec as {
      template: { spec: { containers: { image: string }[] } };
    }
  ).template.spec.containers[0]?.image;
const configData = (objects: K8sObject[]) =>
  find(objects, "ConfigMap", "shortlinks-api-config")?.data as Record<string, string>;

if (kustomize)
  describe.each(OVERLAYS)("overlay %s", (overlay) => {
    const objects = renderOverlay(overlay);

    it("renders, and every object validates against its Kubernetes or CRD schema", () => {
      expect(objects.length).toBeGreaterThan(15);
      const errors = objects
        .map((o) => [`${o.kind}/${o.metadata.name}`, schemaErrors(o)])
        .filter(([, e]) => e !== undefined);
      expect(errors).toEqual([]);
    });

    it.each(POLICIES.map((p) => [p.name, p] as const))("passes the %s policy", (_name, policy) => {
      expect(policy.check(objects)).toEqual([]);
    });

    it("puts everything in its own namespace, with the supervision objects", () => {
      expect(
        new Set(objects.filter((o) => o.kind !== "Namespace").map((o) => o.metadata.namespace)),
      ).toEqual(new Set([`shortlinks-${overlay}`]));
      expect(find(objects, "PrometheusRule", "shortlinks-api")?.metadata.labels?.release).toBe(
        "kube-prometheus-stack",
      );
      expect(
        objects.filter(
          (o) => o.kind === "ConfigMap" && o.metadata.labels?.grafana_dashboard === "1",
        ),
      ).toHaveLength(4);
    });
  });

if (kustomize)
  describe("differences between environments", () => {
    const [dev, staging, prod] = OVERLAYS.map(renderOverlay) as [
      K8sObject[],
      K8sObject[],
      K8sObject[],
    ];

    it("dev runs PostgreSQL in the cluster, one replica, faults on, the locally built image", () => {
      expect(find(dev, "StatefulSet", "postgres")).toBeDefined();
      expect(
        (find(dev, "HorizontalPodAutoscaler", "shortlinks-api")?.spec as { minReplicas: number })
          .minReplicas,
      ).toBe(1);
      expect(configData(dev).FAULTS_ENABLED).toBe("true");
      expect(apiImage(dev)).toBe("shortlinks-api:dev");
      expect(find(dev, "ExternalSecret", "shortlinks-db")).toBeUndefined();
    });

    it("staging and prod take credentials from Secrets Manager, back up to S3 through IRSA, and commit no Secret", () => {
      for (const [env, objects] of [
        ["staging", staging],
        ["prod", prod],
      ] as const) {
        expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
        expect(find(objects, "StatefulSet", "postgres")).toBeUndefined();
        const db = find(objects, "ExternalSecret", "shortlinks-db")?.spec as {
          data: { remoteRef: { key: string } }[];
        };
        expect(new Set(db.data.map((d) => d.remoteRef.key))).toEqual(
          new Set([`shortlinks/${env}/database`, `shortlinks/${env}/database-owner`]),
        );
        // Migrations run as the owner role, the API as the app role.
        const deployment = find(objects, "Deployment", "shortlinks-api")?.spec as {
          template: {
            spec: {
              initContainers: { env: { name: string }[] }[];
              containers: { env: { name: string }[] }[];
            };
          };
        };
        const names = (c?: { env: { name: string }[] }) => c?.env.map((e) => e.name) ?? [];
        expect(names(deployment.template.spec.initContainers[0])).toContain(
          "DATABASE_MIGRATION_URL",
        );
        expect(names(deployment.template.spec.containers[0])).not.toContain(
          "DATABASE_MIGRATION_URL",
        );
        expect(
          find(objects, "ServiceAccount", "db-backup")?.metadata.annotations?.[
            "eks.amazonaws.com/role-arn"
          ],
        ).toMatch(new RegExp(`role/shortlinks-${env}-db-backup$`));
        expect(find(objects, "CronJob", "db-backup")).toBeDefined();
        // The CronJob runs the very script the backup and restore drill test runs.
        const scripts = objects.find(
          (o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("db-backup-scripts"),
        );
        expect((scripts?.data as Record<string, string>)["backup.sh"]).toBe(
          readFileSync(new URL("../../apps/api/scripts/db/backup.sh", import.meta.url), "utf8"),
        );
        expect(JSON.stringify(objects)).not.toContain("ENVIRONMENT");
      }
    });

    it("prod has more replicas, a stricter autoscaler and no fault injection; both run the same digest", () => {
      const replicas = (objects: K8sObject[]) =>
        (
          find(objects, "HorizontalPodAutoscaler", "shortlinks-api")?.spec as {
            minReplicas: number;
          }
        ).minReplicas;
      expect(replicas(prod)).toBeGreaterThan(replicas(staging));
      expect(
        (find(prod, "PodDisruptionBudget", "shortlinks-api")?.spec as { minAvailable?: number })
          .minAvailable,
      ).toBe(2);
      expect(configData(prod).FAULTS_ENABLED).toBe("false");
      expect(apiImage(prod)).toMatch(/@sha256:[0-9a-f]{64}$/);
      expect(apiImage(prod)).toBe(apiImage(staging));
    });
  });
