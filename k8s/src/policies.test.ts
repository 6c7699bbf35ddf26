import { describe, expect, it } from "vitest";
import { needs } from "@fil-rouge/toolchain/skips";
import { renderOverlay, type K8sObject } from "./manifests.js";
import { POLICIES } from "./policies.js";
import { schemaErrors } from "./schemas.js";

// Each policy is fed a rendered overlay with one thing broken, and must report it.
type Breakage = (objects: K8sObject[]) => void;
const spec = (objects: K8sObject[], kind: string, name = "shortlinks-api") =>
  objects.find((o) => o.kind === kind && o.metadata.name === name)?.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const api = (objects: K8sObject[]) => spec(objects, "Deployment").template.spec.containers[0];

const BREAKAGES: Record<string, Breakage> = {
  "pod-security-restricted": (o) => {
    api(o).securityContext.allowPrivilegeEscalation = true;
  },
  "probes-present": (o) => {
    delete api(o).readinessProbe;
  },
  "resources-set": (o) => {
    delete api(o).resources.limits.memory;
  },
  "image-pinned": (o) => {
    api(o).image = "ghcr.io/fil-rouge-devops/shortlinks-api:latest";
  },
  "service-selects-workload": (o) => {
    spec(o, "Service").selector = { "app.kubernetes.io/name": "shortlinks-apj" };
  },
  "networkpolicy-selects-pods": (o) => {
    spec(o, "NetworkPolicy", "shortlinks-api-ingress").podSelector = {
      matchLabels: { app: "nothing" },
    };
  },
  "servicemonitor-port-exists": (o) => {
    spec(o, "ServiceMonitor").endpoints[0].port = "metrics";
  },
  "hpa-target-exists": (o) => {
    spec(o, "HorizontalPodAutoscaler").scaleTargetRef.name = "shortlinks-web";
  },
  "hpa-owns-replicas": (o) => {
    spec(o, "Deployment").replicas = 2;
  },
  "pdb-allows-disruption": (o) => {
    const pdb = spec(o, "PodDisruptionBudget");
    delete pdb.maxUnavailable;
    pdb.minAvailable = 1; // with one replica in dev: nothing may be disrupted
  },
  "grace-period-covers-drain": (o) => {
    spec(o, "Deployment").template.spec.terminationGracePeriodSeconds = 20;
  },
  "namespace-restricted": (o) => {
    const namespace = o.find((x) => x.kind === "Namespace");
    if (namespace?.metadata.labels)
      namespace.metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline";
  },
};

// Vitest collects a skipped describe by running its body, which renders: hence `if`, not runIf.
const kustomize = needs("kustomize", "the policies against the rendered dev overlay");
if (!kustomize) it.skip("policies: no kustomize to render the dev overlay", () => undefined);
if (kustomize)
  describe("policies", () => {
    const dev = renderOverlay("dev");

    it("have one breakage each", () => {
      expect(Object.keys(BREAKAGES).sort()).toEqual(POLICIES.map((p) => p.name).sort());
    });

    it.each(POLICIES.map((p) => [p.name, p] as const))(
      "%s reports its broken case",
      (name, policy) => {
        const broken = structuredClone(dev);
        BREAKAGES[name]?.(broken);
        expect(policy.check(dev)).toEqual([]);
        expect(policy.check(broken).length).toBeGreaterThan(0);
      },
    );

    it("the schemas refuse a malformed object", () => {
      const broken = structuredClone(dev).find((o) => o.kind === "Deployment");
      if (!broken) throw new Error("no Deployment rendered");
      (broken.spec as { replicas: unknown }).replicas = "two";
      expect(schemaErrors(broken)).toMatch(/replicas/);
      expect(
        schemaErrors({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "x" } }),
      ).toMatch(/no schema/);
    });
  });
