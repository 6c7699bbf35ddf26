import { describe, expect, it } from "vitest";
import { bindOverlayObject } from "./overlay-bindings.js";
import { renderOverlay } from "@fil-rouge/k8s/manifests";

type Obj = Parameters<typeof bindOverlayObject>[0];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking rendered manifests
type Json = any;
const bindings = {
  overlayEnvironment: "staging",
  environment: "dev",
  backupRoleArn: "arn:aws:iam::210987654321:role/shortlinks-dev-db-backup",
  backupBucket: "shortlinks-dev-db-backups-210987654321",
  hostname: "dev.example.org",
  image: `ghcr.io/example/shortlinks-api@sha256:${"cd".repeat(32)}`,
};
const bound = () => {
  const objects = renderOverlay("staging") as Obj[];
  for (const object of objects) bindOverlayObject(object, bindings);
  return objects;
};

describe("binding the staging overlay to the dev stack", () => {
  it("leaves no trace of staging, of the example account, or of the placeholder digest", () => {
    const text = JSON.stringify(bound());
    expect(text).not.toMatch(/staging|123456789012|sha256:0{64}/);
  });

  it("moves every object into shortlinks-dev and reads the dev secrets", () => {
    const objects = bound();
    const namespaced = objects.filter((o) => o.kind !== "Namespace");
    expect(new Set(namespaced.map((o) => o.metadata.namespace))).toEqual(
      new Set(["shortlinks-dev"]),
    );
    expect(objects.find((o) => o.kind === "Namespace")?.metadata.name).toBe("shortlinks-dev");
    const keys = objects
      .filter((o) => o.kind === "ExternalSecret")
      .flatMap((o) =>
        (o.spec?.data as { remoteRef: { key: string } }[]).map((d) => d.remoteRef.key),
      );
    expect(new Set(keys)).toEqual(
      new Set([
        "shortlinks/dev/database",
        "shortlinks/dev/database-owner",
        "shortlinks/dev/api-token",
      ]),
    );
  });

  it("runs the promoted image in the API and its migrations, and backs up with the stack's role and bucket", () => {
    const objects = bound();
    const deployment = objects.find((o) => o.kind === "Deployment")!;
    const pod = (deployment.spec as Json).template.spec;
    expect(
      [...pod.containers, ...pod.initContainers].map((c: { image: string }) => c.image),
    ).toEqual([bindings.image, bindings.image]);
    const backup = objects.find((o) => o.kind === "CronJob")!;
    const containers = (backup.spec as Json).jobTemplate.spec.template.spec;
    // The backup's own images (postgres client, AWS CLI) are not the API's and stay as they are.
    expect(containers.initContainers[0].image).toMatch(/^postgres:/);
    expect(containers.containers[0].env).toContainEqual({
      name: "BACKUP_BUCKET",
      value: bindings.backupBucket,
    });
    const account = objects.find(
      (o) => o.kind === "ServiceAccount" && o.metadata.name === "db-backup",
    )!;
    expect(account.metadata.annotations?.["eks.amazonaws.com/role-arn"]).toBe(
      bindings.backupRoleArn,
    );
    const ingress = objects.find((o) => o.kind === "Ingress")!.spec as Json;
    expect(ingress.rules[0].host).toBe("dev.example.org");
    expect(ingress.tls[0].hosts).toEqual(["dev.example.org"]);
  });

  it("changes nothing but the bound fields when an overlay is deployed as itself", () => {
    const objects = renderOverlay("prod") as Obj[];
    const before = structuredClone(objects);
    for (const object of objects) {
      bindOverlayObject(object, {
        ...bindings,
        overlayEnvironment: "prod",
        environment: "prod",
        hostname: "shortlinks.example.org",
      });
    }
    const changed = objects.filter((o, i) => JSON.stringify(o) !== JSON.stringify(before[i]));
    expect(changed.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      "CronJob/db-backup",
      "Deployment/shortlinks-api",
      "ServiceAccount/db-backup",
    ]);
  });
});
