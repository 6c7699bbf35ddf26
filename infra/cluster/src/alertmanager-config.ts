import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The project's Alertmanager configuration, the same file compose and the tests use. */
export const ALERTMANAGER_CONFIG = new URL(
  "../../../monitoring/alertmanager/alertmanager.yml",
  import.meta.url,
);

/** Where kube-prometheus-stack mounts `alertmanagerSpec.secrets: [alertmanager-secrets]`. */
export const SECRETS_DIR = "/etc/alertmanager/secrets/alertmanager-secrets/";

/**
 * The configuration for the cluster: identical, except that the secret files it reads from
 * /etc/alertmanager/secrets/ are found where the operator mounts the Secret.
 */
export function alertmanagerConfigForCluster(
  text = readFileSync(ALERTMANAGER_CONFIG, "utf8"),
): unknown {
  return parse(text.replaceAll("/etc/alertmanager/secrets/", SECRETS_DIR));
}

/** The secret files the configuration reads, by file name: the keys the Secret must hold. */
export function alertmanagerSecretFiles(
  text = readFileSync(ALERTMANAGER_CONFIG, "utf8"),
): string[] {
  return [
    ...new Set(
      [...text.matchAll(/\/etc\/alertmanager\/secrets\/([\w.-]+)/g)].map((m) => m[1] ?? ""),
    ),
  ].sort();
}
