import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The project's Alertmanager configuration, the same file compose and the tests use. */
export const ALERTMANAGER_CONFIG = new URL(
  "../../../monitoring/alertmanager/alertmanager.yml",
  import.meta.url,
);

/** Where kube-prometheus-stack mounts `alertmanagerSpec.secrets: [alertmanager-secrets]`. */
export const SECRETS_DIR = "/etc/alertmanager/secrets/alertmanager-secrets/";

/** Where alerts go: the stack's settings (config.ts), not the file's placeholders. */
export interface AlertDestinations {
  /** SMTP relay, host:port. */
  smtpSmarthost: string;
  /** Sender address, also the SMTP user name. */
  smtpFrom: string;
  /** The on-call tool's webhook, for the `page` receiver. */
  webhookUrl: string;
}

interface AlertmanagerConfig {
  global?: Record<string, unknown>;
  receivers?: { name: string; webhook_configs?: { url?: string }[] }[];
}

/**
 * The configuration for the cluster: the file's routes and receivers, the stack's destinations in
 * place of its placeholders, and the secret files it reads from /etc/alertmanager/secrets/ found
 * where the operator mounts the Secret.
 */
export function alertmanagerConfigForCluster(
  destinations: AlertDestinations,
  text = readFileSync(ALERTMANAGER_CONFIG, "utf8"),
): AlertmanagerConfig {
  const config = parse(
    text.replaceAll("/etc/alertmanager/secrets/", SECRETS_DIR),
  ) as AlertmanagerConfig;
  config.global = {
    ...config.global,
    smtp_smarthost: destinations.smtpSmarthost,
    smtp_from: destinations.smtpFrom,
    smtp_auth_username: destinations.smtpFrom,
  };
  const webhooks = config.receivers?.find((r) => r.name === "page")?.webhook_configs ?? [];
  const [webhook] = webhooks;
  if (webhooks.length !== 1 || webhook === undefined) {
    throw new Error("alertmanager.yml: the page receiver must have exactly one webhook_config");
  }
  webhook.url = destinations.webhookUrl;
  return config;
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
