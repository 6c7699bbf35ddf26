import { z } from "zod";

export interface NotificationView {
  receivedAt: string;
  status: "firing" | "resolved";
  alertname: string;
  severity: string;
  summary: string;
  /** An http(s) URL, or "" (anything else is dropped: the page makes it a link). */
  runbook: string;
}

// The JSON list of the demo's notification receiver (apps/demo/src/notification-receiver.ts,
// GET /notifications), oldest first; only the fields shown are checked.
const receiverBody = z.array(
  z.object({
    receivedAt: z.string(),
    status: z.enum(["firing", "resolved"]),
    alertname: z.string(),
    severity: z.string().default("none"),
    summary: z.string().default(""),
    runbook: z.string().default(""),
  }),
);

const httpUrl = z.url({ protocol: /^https?$/ });

/** The newest `limit` notifications the receiver at `url` holds, newest first. */
export async function readNotifications(
  url: string,
  timeoutMs: number,
  limit = 20,
): Promise<NotificationView[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`the receiver answered ${response.status}`);
  return receiverBody
    .parse(await response.json())
    .slice(-limit)
    .reverse()
    .map((n) => ({ ...n, runbook: httpUrl.safeParse(n.runbook).success ? n.runbook : "" }));
}
