import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AwsStack } from "./aws-stack.js";
import { SECRET_STORE } from "./secret-store.js";

export const DB_ADMIN_NAMESPACE = "shortlinks-db-admin";
const SCRIPT = new URL("../scripts/create-db-roles.sh", import.meta.url);
const CREATE_ROLES_SQL = new URL("../../../apps/api/scripts/db/create-roles.sql", import.meta.url);
// The RDS CA bundle the application's pods mount too (k8s/src/rds-ca-bundle.ts generates it).
const RDS_CA_BUNDLE = new URL("../../../k8s/components/aws/rds-ca-bundle.pem", import.meta.url);
/** Where the Job's psql finds the bundle: named by the admin URL's sslrootcert. */
export const RDS_CA_PATH = "/etc/rds-ca/rds-ca-bundle.pem";
// The same client image as the backup CronJob (k8s/components/aws/backup-cronjob.yaml).
export const POSTGRES_CLIENT_IMAGE =
  "postgres:16.6-alpine@sha256:1d04b9ba1d4996401f2552b51beda8187f175c0645c091e4781134fc9c9a3eef"; // 16.6-alpine

/**
 * A Job that creates the owner and app roles on RDS and sets their passwords, before the API's
 * migrations need them. It runs in a namespace of its own: the master credentials never reach the
 * application's namespace.
 */
export function createDatabaseRolesJob(
  provider: k8s.Provider,
  aws: AwsStack,
  secretStore: pulumi.Resource,
): k8s.batch.v1.Job {
  const options = { provider, dependsOn: [secretStore] };
  const namespace = new k8s.core.v1.Namespace(
    DB_ADMIN_NAMESPACE,
    {
      metadata: {
        name: DB_ADMIN_NAMESPACE,
        labels: { "pod-security.kubernetes.io/enforce": "restricted" },
      },
    },
    { provider },
  );
  const inNamespace = { ...options, dependsOn: [secretStore, namespace] };
  const externalSecret = (name: string, spec: pulumi.Input<Record<string, unknown>>) =>
    new k8s.apiextensions.CustomResource(
      name,
      {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: { name, namespace: DB_ADMIN_NAMESPACE },
        spec,
      },
      inNamespace,
    );

  // The master secret RDS manages holds username and password; the host comes from infra/aws.
  // psql (libpq) verifies RDS's certificate and name against the RDS CA bundle: verify-full.
  const admin = externalSecret("db-admin", {
    refreshInterval: "1h",
    secretStoreRef: { kind: "ClusterSecretStore", name: SECRET_STORE },
    target: {
      name: "db-admin",
      template: {
        engineVersion: "v2",
        data: {
          "admin-url": pulumi.interpolate`postgres://{{ .username }}:{{ .password | urlquery }}@${aws.databaseAddress}:5432/shortlinks_db?sslmode=verify-full&sslrootcert=${RDS_CA_PATH}`,
        },
      },
    },
    data: ["username", "password"].map((property) => ({
      secretKey: property,
      remoteRef: { key: aws.databaseMasterSecretArn, property },
    })),
  });
  const passwords = externalSecret("db-role-passwords", {
    refreshInterval: "1h",
    secretStoreRef: { kind: "ClusterSecretStore", name: SECRET_STORE },
    target: { name: "db-role-passwords" },
    data: [
      {
        secretKey: "owner-password",
        remoteRef: { key: aws.databaseSecretNames.databaseOwner, property: "password" },
      },
      {
        secretKey: "app-password",
        remoteRef: { key: aws.databaseSecretNames.database, property: "password" },
      },
    ],
  });
  const scripts = new k8s.core.v1.ConfigMap(
    "db-roles-scripts",
    {
      metadata: { name: "db-roles-scripts", namespace: DB_ADMIN_NAMESPACE },
      data: {
        "create-db-roles.sh": readFileSync(SCRIPT, "utf8"),
        "create-roles.sql": readFileSync(CREATE_ROLES_SQL, "utf8"),
      },
    },
    inNamespace,
  );
  const rdsCa = new k8s.core.v1.ConfigMap(
    "db-roles-rds-ca",
    {
      metadata: { name: "rds-ca-bundle", namespace: DB_ADMIN_NAMESPACE },
      data: { [RDS_CA_PATH.split("/").at(-1) ?? ""]: readFileSync(RDS_CA_BUNDLE, "utf8") },
    },
    inNamespace,
  );

  const fromSecret = (name: string, secret: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
  });
  // A Job's pod template is immutable: a new script or SQL file makes Pulumi replace the Job, so
  // it runs again.
  return new k8s.batch.v1.Job(
    "db-roles",
    {
      metadata: { namespace: DB_ADMIN_NAMESPACE },
      spec: {
        backoffLimit: 6,
        activeDeadlineSeconds: 900,
        template: {
          metadata: { labels: { "app.kubernetes.io/name": "db-roles" } },
          spec: {
            restartPolicy: "Never",
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 70,
              runAsGroup: 70,
              seccompProfile: { type: "RuntimeDefault" },
            },
            containers: [
              {
                name: "create-db-roles",
                image: POSTGRES_CLIENT_IMAGE,
                command: ["bash", "/scripts/create-db-roles.sh"],
                env: [
                  fromSecret("ADMIN_URL", "db-admin", "admin-url"),
                  fromSecret("OWNER_PASSWORD", "db-role-passwords", "owner-password"),
                  fromSecret("APP_PASSWORD", "db-role-passwords", "app-password"),
                  { name: "CREATE_ROLES_SQL", value: "/scripts/create-roles.sql" },
                ],
                resources: {
                  requests: { cpu: "50m", memory: "64Mi" },
                  limits: { memory: "128Mi" },
                },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                },
                volumeMounts: [
                  { name: "scripts", mountPath: "/scripts", readOnly: true },
                  { name: "rds-ca", mountPath: dirname(RDS_CA_PATH), readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: "scripts", configMap: { name: scripts.metadata.name } },
              { name: "rds-ca", configMap: { name: rdsCa.metadata.name } },
            ],
          },
        },
      },
    },
    { ...inNamespace, dependsOn: [secretStore, namespace, admin, passwords, scripts, rdsCa] },
  );
}
