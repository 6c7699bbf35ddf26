// The one place that reads the cluster stack's settings (Pulumi.<stack>.yaml), checked once.
import * as pulumi from "@pulumi/pulumi";
import { parseStackSettings } from "@fil-rouge/infra-policies/stack-settings";
import { z } from "zod";

export const PROJECT = "shortlinks-cluster";

/** The stack names: each is the infra/aws stack of the same environment. */
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;

export const clusterConfigSchema = z.strictObject({
  // The infra/aws stack this one builds on: <organization>/shortlinks-aws/<stack>.
  awsStack: z
    .string()
    .regex(/^[\w.-]+\/shortlinks-aws\/[\w.-]+$/, "must be <organization>/shortlinks-aws/<stack>"),
  // Which k8s/overlays/<name> describes the application (dev on AWS uses the AWS-shaped staging
  // overlay, bound to the dev stack's resources: see overlay-bindings.ts).
  appOverlay: z.enum(["staging", "prod"]),
  hostname: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a DNS name"),
  acmeEmail: z.email(),
  // Let's Encrypt's staging endpoint has generous rate limits but untrusted certificates.
  letsEncrypt: z.enum(["staging", "production"]),
  // Unset: the stack's own ECR repository (infra/aws's registryUrl), which the nodes may pull
  // from. Set it only to pull from another registry the nodes have credentials for.
  imageRepository: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+$/, "must be registry/name")
    .optional(),
  // The GitHub repository whose image.yml on main signs the images the cluster admits
  // (image-policy.ts), owner/name as GitHub writes it: the one infra/aws's roles trust.
  githubRepository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name"),
  // Where Alertmanager sends (monitoring/alertmanager/alertmanager.yml holds placeholders): the
  // SMTP relay as host:port, the sender address (also the SMTP user), the on-call tool's webhook.
  alertSmtpSmarthost: z.string().regex(/^[a-z0-9.-]+:\d{1,5}$/, "must be host:port"),
  alertSmtpFrom: z.email(),
  alertWebhookUrl: z.url({ protocol: /^https$/, error: "must be an https:// URL" }),
  // Set by .github/workflows/deploy.yml; until then the add-ons are installed but not the app.
  imageDigest: z
    .string()
    .regex(/^sha256:[a-f0-9]{64}$/, "must be sha256:<64 hex digits>")
    .optional(),
});

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

export function parseClusterConfig(raw: unknown): ClusterConfig {
  return parseStackSettings(clusterConfigSchema, raw, PROJECT);
}

const KEYS = [
  "awsStack",
  "appOverlay",
  "hostname",
  "acmeEmail",
  "letsEncrypt",
  "imageRepository",
  "githubRepository",
  "alertSmtpSmarthost",
  "alertSmtpFrom",
  "alertWebhookUrl",
  "imageDigest",
];

export function readClusterConfig(): ClusterConfig {
  const config = new pulumi.Config(PROJECT);
  return parseClusterConfig(Object.fromEntries(KEYS.map((key) => [key, config.get(key)])));
}

/**
 * Alerting credentials: secrets, given to the stack by its Pulumi ESC environment
 * (../esc-environment.yaml, docs/adr/0009), never in a file. The schema names them for the test
 * that proves CI gets every key the program requires.
 */
export const alertingSecretsSchema = z.strictObject({
  smtpPassword: z.string().min(1),
  oncallToken: z.string().min(1),
});

export function readAlertingSecrets() {
  const config = new pulumi.Config(PROJECT);
  return {
    smtpPassword: config.requireSecret("smtpPassword"),
    oncallToken: config.requireSecret("oncallToken"),
  } satisfies Record<keyof z.infer<typeof alertingSecretsSchema>, pulumi.Output<string>>;
}
