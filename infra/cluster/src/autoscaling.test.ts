import { renderOverlay } from "@fil-rouge/k8s/manifests";
import { describe, expect, it } from "vitest";
import { CHARTS } from "./charts.js";
import { runClusterStack } from "./program-under-mocks.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;

describe("pod autoscaling on the cluster", () => {
  it("installs metrics-server, which serves the resource metrics the application's HPA reads", async () => {
    const run = await runClusterStack("prod");
    const release: Props | undefined = run.resources.find(
      (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === "metrics-server",
    )?.props;
    expect(release).toMatchObject({
      chart: "metrics-server",
      version: CHARTS.metricsServer.version,
      namespace: CHARTS.metricsServer.namespace,
    });
    // A drain of one node leaves one replica serving metrics.k8s.io.
    expect(release?.values.replicas).toBeGreaterThanOrEqual(2);
    expect(release?.values.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
    const hpa = renderOverlay("prod").find((o) => o.kind === "HorizontalPodAutoscaler")?.spec as
      Props | undefined;
    // Resource metrics (CPU) come from metrics.k8s.io, which only metrics-server provides on EKS.
    expect(hpa?.metrics.map((m: Props) => m.type)).toEqual(["Resource"]);
  });
});
