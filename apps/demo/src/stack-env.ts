import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The secret variables of .env.example that demo:stack fills with random values. */
export const GENERATED_SECRETS = [
  "API_TOKEN",
  "POSTGRES_PASSWORD",
  "SHORTLINKS_OWNER_PASSWORD",
  "SHORTLINKS_APP_PASSWORD",
  "GRAFANA_ADMIN_PASSWORD",
];

/**
 * Creates .env from .env.example with random secrets unless it exists: an existing .env is never
 * overwritten. Returns what it created. (Compose's Alertmanager needs no secret: it e-mails the
 * Mailpit catcher without credentials, see monitoring/alertmanager/alertmanager.compose.yml.)
 */
export function prepareStackEnvironment(root: string): string[] {
  const created: string[] = [];
  const env = join(root, ".env");
  if (!existsSync(env)) {
    const example = readFileSync(join(root, ".env.example"), "utf8");
    const filled = example.replace(/^([A-Z_]+)=.*$/gm, (line, name: string) =>
      GENERATED_SECRETS.includes(name) ? `${name}=${randomBytes(24).toString("base64url")}` : line,
    );
    writeFileSync(env, filled, { mode: 0o600 });
    created.push(".env");
  }
  return created;
}

/** Reads one variable of .env (for printing the token). */
export function readEnvValue(root: string, name: string): string | undefined {
  const match = new RegExp(`^${name}=(.*)$`, "m").exec(readFileSync(join(root, ".env"), "utf8"));
  return match?.[1];
}
