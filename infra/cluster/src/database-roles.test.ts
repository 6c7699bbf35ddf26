import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  oneResource,
  runClusterStack,
  type ClusterRun as Run,
  type Props,
} from "./program-under-mocks.js";

const repoFile = (path: string) =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

describe("the db-roles Job and RDS's TLS (staging under mocks)", () => {
  let run: Run;
  beforeAll(async () => {
    run = await runClusterStack("staging");
  });

  it("has psql verify RDS fully, against the bundle the application's pods mount", () => {
    const admin = oneResource(run, "kubernetes:external-secrets.io/v1:ExternalSecret", "db-admin");
    const query = new URLSearchParams(admin.spec.target.template.data["admin-url"].split("?")[1]);
    expect(query.get("sslmode")).toBe("verify-full");
    const rootCert = query.get("sslrootcert") ?? "";
    const pod = oneResource(run, "kubernetes:batch/v1:Job", "db-roles").spec.template.spec;
    const mount = pod.containers[0].volumeMounts.find((m: Props) =>
      rootCert.startsWith(`${m.mountPath}/`),
    );
    expect(mount, `a volume mounted above ${rootCert}`).toBeDefined();
    const volume = pod.volumes.find((v: Props) => v.name === mount.name);
    const bundle = oneResource(run, "kubernetes:core/v1:ConfigMap", "db-roles-rds-ca");
    expect(volume.configMap.name).toBe(bundle.metadata.name);
    expect(bundle.metadata.namespace).toBe("shortlinks-db-admin");
    expect(bundle.data[rootCert.slice(String(mount.mountPath).length + 1)]).toBe(
      repoFile("k8s/components/aws/rds-ca-bundle.pem"),
    );
  });
});
