// Variants of alertmanager/alertmanager.yml for places without the real on-call tool and SMTP
// relay: the routing tree, grouping and inhibitions stay the project's own; only where the
// notifications go (and, for tests, how long Alertmanager waits) changes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { MONITORING_DIR } from "./generated-files.js";

interface Route {
  receiver?: string;
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
  [key: string]: unknown;
}
interface Receiver {
  name: string;
  webhook_configs?: unknown[];
  email_configs?: unknown[];
  [key: string]: unknown;
}
export interface AlertmanagerConfig {
  global?: Record<string, unknown>;
  route: Route;
  receivers: Receiver[];
  [key: string]: unknown;
}

/** The committed alertmanager.yml, parsed. */
export const projectAlertmanagerConfig = (): AlertmanagerConfig =>
  parse(
    readFileSync(join(MONITORING_DIR, "alertmanager/alertmanager.yml"), "utf8"),
  ) as AlertmanagerConfig;

const notifies = (r: Receiver) => Boolean(r.webhook_configs ?? r.email_configs);
const withoutSmtp = (global: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries(global).filter(([key]) => !key.startsWith("smtp_")));

/** The route with `timings` in place of its waits: on the root, and where a child sets its own. */
function retimed(route: Route, timings: Timings, root = true): Route {
  const keys = (["group_wait", "group_interval", "repeat_interval"] as const).filter(
    (key) => timings[key] !== undefined && (root || route[key] !== undefined),
  );
  return {
    ...route,
    ...Object.fromEntries(keys.map((key) => [key, timings[key]])),
    ...(route.routes ? { routes: route.routes.map((r) => retimed(r, timings, false)) } : {}),
  };
}

export interface Timings {
  resolve_timeout?: string;
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
}

/**
 * npm run demo: every receiver that notifies someone (page's webhook, ticket's e-mail) posts to
 * the demo's local receiver instead, resolved notifications included. No SMTP, no secret files.
 * `timings` cuts the waits short (the end-to-end test); the routing tree is untouched.
 */
export function localAlertmanagerConfig(
  webhookUrl: string,
  timings: Timings = {},
  config: AlertmanagerConfig = projectAlertmanagerConfig(),
): AlertmanagerConfig {
  const global = withoutSmtp(config.global);
  if (timings.resolve_timeout) global.resolve_timeout = timings.resolve_timeout;
  return {
    ...config,
    global,
    route: retimed(config.route, timings),
    receivers: config.receivers.map((r) =>
      notifies(r)
        ? { name: r.name, webhook_configs: [{ url: webhookUrl, send_resolved: true }] }
        : r,
    ),
  };
}

/** Writes localAlertmanagerConfig to `path` (npm run demo, the end-to-end test). */
export function writeLocalAlertmanagerConfig(
  path: string,
  webhookUrl: string,
  timings: Timings = {},
): void {
  writeFileSync(path, stringify(localAlertmanagerConfig(webhookUrl, timings)));
}

/** Mailpit's SMTP port inside the compose network (axllent/mailpit listens on 1025). */
export const COMPOSE_SMTP = "mailpit:1025";

/**
 * compose.yaml: every receiver that notifies someone sends e-mail to the Mailpit mail catcher,
 * which accepts anything without TLS or authentication; its web UI shows the messages. The
 * page receiver's address stands for the on-call person.
 */
export function composeAlertmanagerConfig(
  config: AlertmanagerConfig = projectAlertmanagerConfig(),
): AlertmanagerConfig {
  const to: Record<string, string> = { page: "oncall@shortlinks.example.org" };
  return {
    ...config,
    global: {
      ...withoutSmtp(config.global),
      smtp_smarthost: COMPOSE_SMTP,
      smtp_from: config.global?.smtp_from ?? "alertmanager@shortlinks.example.org",
      smtp_require_tls: false,
    },
    receivers: config.receivers.map((r) => {
      if (!notifies(r)) return r;
      const email = (r.email_configs ?? [{}]) as Record<string, unknown>[];
      return {
        name: r.name,
        email_configs: email.map((e) => ({
          to: to[r.name] ?? "platform-team@shortlinks.example.org",
          ...e,
          send_resolved: true,
        })),
      };
    }),
  };
}
