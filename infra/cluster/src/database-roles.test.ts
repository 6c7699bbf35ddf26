import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { runClusterStack } from "./program-under-mocks.js";

type Run = Awaited<ReturnType<typeof runClusterStack>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;
const one = (run: Run, type: string, name: string): Props => {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  expect(found, `${type} ${name}`).toHaveLength(1);
  return found[0]!.props;
};
const repoFile = (path: string) =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

describe("the db-roles Job and RDS's TLS (staging under mocks)", () => {
  let run: Run;
  beforeAll(async () => {
    run = await runClusterStack("staging");
  });

  it("has psql verify RDS fully, against the bundle the application's pods mount", () => {
    const admin = one(run, "kubernetes:external-secrets.io/v1:ExternalSecret", "db-admin");
    const query = new URLSearchParams(admin.spec.target.template.data["admin-url"].split("?")[1]);
    expect(query.get("sslmode")).toBe("verify-full");
    const rootCert = query.get("sslrootcert") ?? "";
    const pod = one(run, "kubernetes:batch/v1:Job", "db-roles").spec.template.spec;
    const mount = pod.containers[0].volumeMounts.find((m: Props) =>
      rootCert.startsWith(`${m.mountPath}/`),
    );
    expect(mount, `a volume mounted above ${rootCert}`).toBeDefined();
    const volume = pod.volumes.find((v: Props) => v.name === mount.name);
    const bundle = one(run, "kubernetes:core/v1:ConfigMap", "db-roles-rds-ca");
    expect(volume.configMap.name).toBe(bundle.metadata.name);
    expect(bundle.metadata.namespace).toBe("shortlinks-db-admin");
    expect(bundle.data[rootCert.slice(String(mount.mountPath).length + 1)]).toBe(
      repoFile("k8s/components/aws/rds-ca-bundle.pem"),
    );
  });
});
