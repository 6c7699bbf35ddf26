// The demo's stand-in for an on-call tool: a small HTTP server that Alertmanager's webhook calls.
// Each firing or resolved alert it receives is printed in the demo's terminal and listed on its
// own page. It lives in the demo, not in the API: the API is the product deployed to EKS, where
// notifications go to a real on-call tool; a demo-only inbox inside it would be dead code there
// and one more write endpoint to secure.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { z } from "zod";

// Alertmanager's webhook body, version "4" (prometheus/alertmanager v0.27.0,
// notify/webhook/webhook.go Message = template.Data + version, groupKey, truncatedAlerts).
// Only the fields the demo shows are checked; the rest passes through.
const webhookMessage = z.object({
  version: z.literal("4"),
  receiver: z.string(),
  status: z.enum(["firing", "resolved"]),
  alerts: z.array(
    z.object({
      status: z.enum(["firing", "resolved"]),
      labels: z.record(z.string(), z.string()),
      annotations: z.record(z.string(), z.string()).default({}),
      startsAt: z.string(),
      endsAt: z.string(),
    }),
  ),
});

export interface Notification {
  /** When the receiver got it (ISO 8601). */
  receivedAt: string;
  receiver: string;
  status: "firing" | "resolved";
  alertname: string;
  severity: string;
  summary: string;
  runbook: string;
  startsAt: string;
  endsAt: string;
}

/** One terminal line per notification: time, status, alert, severity, runbook. */
export function formatNotification(n: Notification): string {
  const time = n.receivedAt.slice(11, 19);
  return `${time} ${n.status.toUpperCase().padEnd(8)} ${n.alertname} (severity ${n.severity}, receiver ${n.receiver}) runbook: ${n.runbook || "none"}`;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

function renderPage(notifications: Notification[]): string {
  const rows = [...notifications]
    .reverse()
    .map(
      (n) =>
        `<tr><td>${escapeHtml(n.receivedAt)}</td><td>${escapeHtml(n.status)}</td><td>${escapeHtml(n.alertname)}</td><td>${escapeHtml(n.severity)}</td><td>${escapeHtml(n.summary)}</td><td>${n.runbook ? `<a href="${escapeHtml(n.runbook)}">runbook</a>` : ""}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Notifications received</title></head>
<body><h1>Notifications received from Alertmanager</h1>
<p>${notifications.length === 0 ? "None yet: run <code>npm run scenario -- errors</code>." : `${notifications.length} notification(s), newest first. JSON: <a href="/notifications">/notifications</a>.`}</p>
<table><thead><tr><th>Received</th><th>Status</th><th>Alert</th><th>Severity</th><th>Summary</th><th>Runbook</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`;
}

async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) throw new Error("body too large");
  }
  return body;
}

export interface NotificationReceiver {
  /** Base URL, e.g. http://127.0.0.1:9095 ; Alertmanager posts to `${url}/alertmanager`. */
  url: string;
  webhookUrl: string;
  notifications: Notification[];
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`port` (0: a free one). POST /alertmanager takes Alertmanager's webhook;
 * GET / lists what arrived (HTML), GET /notifications the same as JSON.
 */
export async function startNotificationReceiver(
  port: number,
  onNotification: (n: Notification) => void = () => undefined,
): Promise<NotificationReceiver> {
  const notifications: Notification[] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type }).end(body);
    };
    if (req.method === "POST" && req.url === "/alertmanager") {
      readBody(req)
        .then((text) => {
          const parsed = webhookMessage.safeParse(JSON.parse(text));
          if (!parsed.success) {
            send(400, "application/json", JSON.stringify({ error: z.prettifyError(parsed.error) }));
            return;
          }
          const receivedAt = new Date().toISOString();
          for (const alert of parsed.data.alerts) {
            const n: Notification = {
              receivedAt,
              receiver: parsed.data.receiver,
              status: alert.status,
              alertname: alert.labels.alertname ?? "(no alertname)",
              severity: alert.labels.severity ?? "none",
              summary: alert.annotations.summary ?? "",
              runbook: alert.annotations.runbook_url ?? "",
              startsAt: alert.startsAt,
              endsAt: alert.endsAt,
            };
            notifications.push(n);
            onNotification(n);
          }
          send(200, "application/json", JSON.stringify({ received: parsed.data.alerts.length }));
        })
        .catch((error: unknown) => {
          send(
            400,
            "application/json",
            JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
          );
        });
      return;
    }
    if (req.method === "GET" && req.url === "/notifications") {
      send(200, "application/json", JSON.stringify(notifications));
      return;
    }
    if (req.method === "GET" && req.url === "/") {
      send(200, "text/html; charset=utf-8", renderPage(notifications));
      return;
    }
    send(404, "text/plain", "not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${String((server.address() as { port: number }).port)}`;
  return {
    url,
    webhookUrl: `${url}/alertmanager`,
    notifications,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
